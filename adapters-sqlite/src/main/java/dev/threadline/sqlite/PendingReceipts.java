package dev.threadline.sqlite;

import dev.threadline.application.port.CommandReceipts.Receipt;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command receipts recorded in the open transaction, written as one batch just before its
 * commit (and when many have gathered) rather than one statement per command. Until then a lookup
 * by command id finds them here; nothing else reads {@code command_receipts} on the writer. Rolled
 * back with a savepoint: the receipts recorded since it began are dropped. Used only under the
 * writer lock.
 */
final class PendingReceipts implements TransactionScoped {

    /** Past this many receipts kept, they are written out. */
    private static final int LIMIT = 4_096;

    private final KeptStatements statements;
    private final RenderedSql insertSql;
    /** The kept receipts by command id, in the order they were recorded, with their insert's values. */
    private Map<String, Kept> kept = new LinkedHashMap<>();

    private record Kept(Receipt receipt, Object[] values) {}

    private PendingReceipts(KeptStatements statements, RenderedSql insertSql) {
        this.statements = statements;
        this.insertSql = insertSql;
    }

    /**
     * The database's one instance.
     *
     * @param insertSql the receipt insert, its first value the command id
     */
    static PendingReceipts of(SqliteDatabase database, RenderedSql insertSql) {
        return database.transactionScoped(
                PendingReceipts.class, () -> new PendingReceipts(new KeptStatements(database), insertSql));
    }

    /** A receipt recorded in the open transaction and not yet written, if any. */
    Receipt find(String commandId) {
        Kept found = kept.get(commandId);
        return found == null ? null : found.receipt();
    }

    /** Keeps a receipt for the transaction's batch; called inside the transaction. */
    void keep(Receipt receipt, Object[] values) throws SQLException {
        kept.put(receipt.commandId(), new Kept(receipt, values));
        if (kept.size() >= LIMIT) {
            writeOut();
        }
    }

    private void writeOut() throws SQLException {
        if (!kept.isEmpty()) {
            List<Object[]> rows = new ArrayList<>(kept.size());
            for (Kept receipt : kept.values()) {
                rows.add(receipt.values());
            }
            statements.batch(insertSql.sql(), rows);
            kept.clear();
        }
    }

    @Override
    public void beforeCommit() throws SQLException {
        writeOut();
    }

    /**
     * The receipts kept when the savepoint began come back, and only they (written out since, their
     * rows are rolled back in the file).
     */
    @Override
    public Runnable atSavepoint() {
        Map<String, Kept> before = new LinkedHashMap<>(kept);
        return () -> kept = before;
    }

    @Override
    public void forget() {
        kept.clear();
    }
}
