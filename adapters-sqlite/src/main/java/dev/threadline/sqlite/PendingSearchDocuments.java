package dev.threadline.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the search documents and the full-text index once per transaction. Documents indexed in a
 * transaction are kept here by key (a later one replaces an earlier one) and written as one batch
 * just before the commit, before a search or a read of the documents inside the transaction, and
 * when many have gathered. The documents' triggers note each changed document in {@code
 * search_pending} (with the text the index holds for it, if any); after the documents, one
 * statement removes the noted documents' old text from the index and adds their current text, and
 * a second empties the notes. FTS5 writes a segment to disk at every savepoint it takes part in, so
 * an index written as each document changes costs a segment per document; written here, it costs
 * one per transaction. Used only under the writer lock.
 */
final class PendingSearchDocuments implements TransactionScoped {

    private static final String PENDING = "search_pending";

    /**
     * Old texts out first, then the current texts in ({@code search_index} null is a plain insert),
     * in document order; a document deleted since it was noted has no current text.
     */
    static final String INDEX_PENDING = "INSERT INTO " + SearchStatements.INDEX + " (" + SearchStatements.INDEX
            + ", rowid, text) SELECT kind, document_id, text FROM (SELECT 'delete' AS kind, document_id, old_text"
            + " AS text, 0 AS step FROM " + PENDING
            + " WHERE old_text IS NOT NULL UNION ALL SELECT NULL, d.document_id,"
            + " d.text, 1 FROM " + PENDING + " p JOIN " + SearchStatements.CONTENT
            + " d ON d.document_id = p.document_id)"
            + " ORDER BY step, document_id";

    static final String DROP_PENDING = "DELETE FROM " + PENDING;

    /** Empties the index of an external-content FTS5 table without reading its documents. */
    static final String EMPTY_INDEX =
            "INSERT INTO " + SearchStatements.INDEX + " (" + SearchStatements.INDEX + ") VALUES ('delete-all')";

    /** Past this many documents kept, they are written out. */
    private static final int LIMIT = 4_096;

    private final SqliteDatabase database;
    private final KeptStatements statements;
    private final DeferredRows deferred;
    private final Lazy<String> upsert;
    /** The documents indexed in the open transaction and not yet written, by key: their upsert's values. */
    private Map<String, Object[]> documents = new LinkedHashMap<>();
    /** Whether documents may have been noted in the open transaction. */
    private boolean noted;
    /** What a rollback to an open savepoint undoes, oldest first; empty when no savepoint is open. */
    private final List<Undo> journal = new ArrayList<>();
    /** How many savepoints are open. */
    private int savepoints;

    /**
     * A change to the kept documents: a key's earlier values (null: it was absent), or, under a
     * null key, the whole map as it was before it was written out or cleared.
     */
    private record Undo(String key, Object[] before, Map<String, Object[]> documentsBefore) {}

    private PendingSearchDocuments(SqliteDatabase database, KeptStatements statements, Lazy<String> upsert) {
        this.database = database;
        this.statements = statements;
        this.deferred = DeferredRows.of(database);
        this.upsert = upsert;
    }

    /**
     * The database's one instance.
     *
     * @param upsert the document upsert, its first value the document's key
     */
    static PendingSearchDocuments of(SqliteDatabase database, KeptStatements statements, Lazy<String> upsert) {
        return database.transactionScoped(
                PendingSearchDocuments.class, () -> new PendingSearchDocuments(database, statements, upsert));
    }

    /** Keeps a document for the open transaction's batch, or writes it in a transaction of its own. */
    void index(Object[] values) {
        database.inTransaction(connection -> {
            String key = (String) values[0];
            Object[] before = documents.put(key, values);
            if (savepoints > 0) {
                journal.add(new Undo(key, before, null));
            }
            noted = true;
            if (documents.size() >= LIMIT) {
                writeDocuments();
            }
            return null;
        });
    }

    /** Runs a statement that changes documents, in a transaction, after the kept documents. */
    void change(String statementSql, Object... values) {
        database.inTransaction(connection -> {
            writeDocuments();
            statements.update(statementSql, values);
            noted = true;
            return null;
        });
    }

    /** Writes the kept documents and indexes the noted ones now, inside the open transaction, if any. */
    void writeOutInTransaction() {
        if (database.inTransaction()) {
            database.withWriter(connection -> {
                writeOut();
                return null;
            });
        }
    }

    /** Every document and every note goes, and the index is emptied: a rebuild follows. */
    void clear() {
        database.withWriter(connection -> {
            emptyDocuments();
            statements.update(DROP_PENDING);
            statements.update(EMPTY_INDEX);
            noted = false;
            return null;
        });
    }

    /**
     * Writes the kept documents, after the message rows the transaction keeps: a message's document
     * reads its text (its upsert, the notes' triggers and the index read the message rows).
     */
    private void writeDocuments() throws SQLException {
        deferred.writeOut();
        if (!documents.isEmpty()) {
            statements.batch(upsert.get(), List.copyOf(documents.values()));
            emptyDocuments();
        }
    }

    /** Empties the kept documents; inside a savepoint, the map is set aside for a rollback. */
    private void emptyDocuments() {
        if (savepoints > 0) {
            journal.add(new Undo(null, null, documents));
            documents = new LinkedHashMap<>();
        } else {
            documents.clear();
        }
    }

    private void writeOut() throws SQLException {
        writeDocuments();
        if (noted) {
            statements.update(INDEX_PENDING);
            statements.update(DROP_PENDING);
            noted = false;
        }
    }

    @Override
    public void beforeCommit() throws SQLException {
        writeOut();
    }

    /**
     * The documents kept when the savepoint began come back (written out since, their rows are
     * rolled back in the file); notes rolled back leave the flag set: indexing nothing costs little.
     * Beginning a savepoint costs nothing however many documents are kept: the changes made since
     * are journalled and undone newest first.
     */
    @Override
    public Runnable atSavepoint() {
        savepoints++;
        int mark = journal.size();
        boolean notedBefore = noted;
        return () -> {
            for (int i = journal.size() - 1; i >= mark; i--) {
                Undo undo = journal.remove(i);
                if (undo.key() == null) {
                    documents = undo.documentsBefore();
                } else if (undo.before() == null) {
                    documents.remove(undo.key());
                } else {
                    documents.put(undo.key(), undo.before());
                }
            }
            noted |= notedBefore;
            savepointReleased();
        };
    }

    @Override
    public void savepointReleased() {
        savepoints = Math.max(0, savepoints - 1);
        if (savepoints == 0) {
            journal.clear();
        }
    }

    @Override
    public void forget() {
        documents.clear();
        noted = false;
        journal.clear();
        savepoints = 0;
    }
}
