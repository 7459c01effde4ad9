package dev.threadline.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether {@code projection_message_deltas} holds no row. A message's delta rows are folded into
 * its text when it completes, so the table is empty whenever no answer is streaming; while it is,
 * a message written needs no statement to drop delta rows it cannot have. Read once, then kept
 * while nothing else changes the file (the database forgets it when another connection commits);
 * a delta appended makes it false, a rollback unknown. Used only under the writer lock.
 */
final class KnownDeltas implements TransactionScoped {

    private static final String ANY = "SELECT EXISTS (SELECT 1 FROM projection_message_deltas)";

    private final SqliteDatabase database;
    /** Whether the table is empty, null when not known. */
    private Boolean none;

    private KnownDeltas(SqliteDatabase database) {
        this.database = database;
    }

    /** The database's one instance. */
    static KnownDeltas of(SqliteDatabase database) {
        return database.transactionScoped(KnownDeltas.class, () -> new KnownDeltas(database));
    }

    /**
     * Whether the table holds no row. Deletes kept to be written ({@link DeferredRows}) can only
     * empty it, so the file answers without them being written first.
     */
    boolean none() throws SQLException {
        if (none == null) {
            try (ResultSet row = database.prepared(ANY).executeQuery()) {
                none = row.next() && row.getInt(1) == 0;
            }
        }
        return none;
    }

    /** A delta row was written. */
    void added() {
        none = false;
    }

    /** The rows there were may have been folded since: asked again in the next transaction. */
    @Override
    public void afterCommit() {
        if (Boolean.FALSE.equals(none)) {
            none = null;
        }
    }

    @Override
    public void forget() {
        none = null;
    }
}
