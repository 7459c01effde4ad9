package dev.threadline.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The transaction-scoped advisory lock that serialises the writers of one schema on every node.
 * PostgreSQL releases it at commit or rollback, after the transaction's events became visible, so
 * the next writer reads a log head that no other transaction can still change. Each schema has a
 * key of its own: two stores on one database do not wait for each other.
 */
final class WriterLock {

    private static final String TAKE = "SELECT pg_advisory_xact_lock(?)";

    private final long key;

    WriterLock(String schema) {
        this.key = ("threadline:" + schema).hashCode() & 0xFFFFFFFFL;
    }

    /** Waits for the lock, held from now to the end of the connection's transaction. */
    void take(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(TAKE)) {
            lock.setLong(1, key);
            lock.execute();
        }
    }
}
