package dev.threadline.sqlite;

import dev.threadline.application.port.CommandReceipts.Receipt;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command receipts recorded in the open transaction, written as one batch just before its
 * commit (and when many have gathered) rather than one statement per command. Until then a lookup
 * by command id finds them here; nothing else reads {@code command_receipts} on the writer. Rolled
 * back with a savepoint: the receipts recorded since it began are dropped, found by a mark rather
 * than a copy, so a savepoint costs nothing however many receipts the transaction holds. A command
 * id is kept at most once: a command's receipt is looked up before it runs. Used only under the
 * writer lock.
 */
final class PendingReceipts implements TransactionScoped {

    /** Past this many receipts kept, they are written out. */
    private static final int LIMIT = 4_096;

    private final KeptStatements statements;
    private final String insertSql;
    /** The kept receipts, in the order they were recorded, with their insert's values. */
    private final PendingRows<Kept> kept = new PendingRows<>();
    /** The kept receipts by command id. */
    private final Map<String, Receipt> byId = new HashMap<>();

    private record Kept(Receipt receipt, Object[] values) {}

    private PendingReceipts(KeptStatements statements, String insertSql) {
        this.statements = statements;
        this.insertSql = insertSql;
    }

    /**
     * The database's one instance.
     *
     * @param insertSql the receipt insert, its first value the command id
     */
    static PendingReceipts of(SqliteDatabase database, String insertSql) {
        return database.transactionScoped(
                PendingReceipts.class, () -> new PendingReceipts(new KeptStatements(database), insertSql));
    }

    /** A receipt recorded in the open transaction and not yet written, if any. */
    Receipt find(String commandId) {
        return byId.get(commandId);
    }

    /** Keeps a receipt for the transaction's batch; called inside the transaction. */
    void keep(Receipt receipt, Object[] values) throws SQLException {
        kept.add(new Kept(receipt, values));
        byId.put(receipt.commandId(), receipt);
        if (kept.unwrittenCount() >= LIMIT) {
            writeOut();
        }
    }

    private void writeOut() throws SQLException {
        if (kept.unwrittenCount() > 0) {
            List<Object[]> rows = new ArrayList<>(kept.unwrittenCount());
            for (Kept receipt : kept.unwritten()) {
                rows.add(receipt.values());
            }
            statements.batch(insertSql, rows);
            kept.markWritten();
            if (kept.kept().isEmpty()) {
                byId.clear(); // written outside every savepoint: the file answers for them now
            }
        }
    }

    @Override
    public void beforeCommit() throws SQLException {
        writeOut();
    }

    /**
     * The receipts recorded since the savepoint began are dropped (written out since, their rows are
     * rolled back in the file); the earlier ones stay, to be written.
     */
    @Override
    public Runnable atSavepoint() {
        return kept.atSavepoint(dropped -> byId.remove(dropped.receipt().commandId()));
    }

    @Override
    public void savepointReleased() {
        kept.savepointReleased();
    }

    @Override
    public void afterCommit() {
        forget();
    }

    @Override
    public void forget() {
        kept.clear();
        byId.clear();
    }
}
