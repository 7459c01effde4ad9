package dev.threadline.sqlite;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows a transaction keeps to write later, in the order they were kept, with what a savepoint
 * needs to take back the ones kept since it began: a mark is two numbers (how many rows were kept,
 * how many of them were written), so beginning a savepoint costs nothing however many rows the
 * transaction holds. Rows written inside a savepoint that is then rolled back are rolled back in
 * the file too, so they become unwritten again; rows are dropped once written outside every
 * savepoint. Used only under the writer lock.
 *
 * @param <T> a kept row
 */
final class PendingRows<T> {

    private final List<T> rows = new ArrayList<>();
    /** Rows {@code [0, written)} are in the file. */
    private int written;
    /** How many savepoints are open; rows are dropped when written only when none is. */
    private int savepoints;

    /** Keeps a row, after every row kept before it. */
    void add(T row) {
        rows.add(row);
    }

    /** The rows not yet written, in the order they were kept (a view: read it before changing this). */
    List<T> unwritten() {
        return rows.subList(written, rows.size());
    }

    /** How many rows are not yet written. */
    int unwrittenCount() {
        return rows.size() - written;
    }

    /** Every row kept and not dropped, written or not, in the order they were kept. */
    List<T> kept() {
        return rows;
    }

    /** The unwritten rows are in the file now; outside every savepoint they are dropped. */
    void markWritten() {
        written = rows.size();
        if (savepoints == 0) {
            rows.clear();
            written = 0;
        }
    }

    /**
     * A savepoint begins: returns what takes back the rows kept since (and tells which ones, before
     * they go), should the work since be rolled back.
     *
     * @param dropped told of each row taken back, newest first
     */
    Runnable atSavepoint(java.util.function.Consumer<T> dropped) {
        savepoints++;
        int keptBefore = rows.size();
        int writtenBefore = written;
        return () -> {
            for (int i = rows.size() - 1; i >= keptBefore; i--) {
                dropped.accept(rows.remove(i));
            }
            written = Math.min(written, writtenBefore);
            savepoints--;
        };
    }

    /** The innermost open savepoint was released: its rows stay. */
    void savepointReleased() {
        savepoints = Math.max(0, savepoints - 1);
    }

    /** Drops every row: the transaction ended. */
    void clear() {
        rows.clear();
        written = 0;
        savepoints = 0;
    }

    /** A copy of the unwritten rows. */
    List<T> copyOfUnwritten() {
        return new ArrayList<>(unwritten());
    }
}
