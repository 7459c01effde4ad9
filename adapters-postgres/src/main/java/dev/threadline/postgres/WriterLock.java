package dev.threadline.postgres;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The transaction-scoped advisory lock that serialises the writers of one schema on every node.
 * PostgreSQL releases it at commit or rollback, after the transaction's events became visible, so
 * the next writer reads a log head that no other transaction can still change. Each schema has a
 * key of its own: two stores on one database do not wait for each other.
 *
 * <p>Taking it also reads, in the same round trip, what only writers change and so stays true
 * until the commit: the log head, the newest stored sequence, the projector positions and the
 * greatest stored event id (read from the end of its unique index). The read
 * is a statement of its own after the lock's, so its snapshot sees every commit that the lock
 * waited for.
 */
final class WriterLock {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(?)";
    private static final String READ = "SELECT 0, NULL, last_sequence FROM log_head"
            + " WHERE id = 1 UNION ALL SELECT 1, NULL, coalesce(max(sequence), 0) FROM events UNION ALL SELECT 2,"
            + " projector, position FROM projector_positions UNION ALL SELECT 3, max(event_id), NULL FROM events";

    private final long key;

    WriterLock(String schema) {
        this.key = ("threadline:" + schema).hashCode() & 0xFFFFFFFFL;
    }

    /**
     * Queues the lock and its read as the transaction's first statements: they go with its first
     * round trip, before anything else it sends, so every read it makes follows the wait.
     */
    void queue(WriteTransaction transaction) {
        transaction.pending.add(LOCK, key);
        transaction.pending.addRead(READ, rows -> {
            long head = -1;
            long last = -1;
            String greatestId = null;
            Map<String, Long> positions = new HashMap<>();
            while (rows.next()) {
                switch (rows.getInt(1)) {
                    case 0 -> head = rows.getLong(3);
                    case 1 -> last = rows.getLong(3);
                    case 3 -> greatestId = rows.getString(2);
                    default -> positions.put(rows.getString(2), rows.getLong(3));
                }
            }
            transaction.locked(head, last, positions, greatestId);
        });
    }

    /** Waits for the lock now, held from now to the end of the transaction. */
    void take(WriteTransaction transaction) throws SQLException {
        queue(transaction);
        transaction.pending.send(transaction.connection);
    }
}
