package dev.threadline.sqlite;

import java.sql.SQLException;

/**
 * Writes the full-text index once per transaction. The search documents' triggers note each
 * changed document in {@code search_pending} (with the text the index holds for it, if any); just
 * before the commit, and before a search inside the transaction, one statement removes the noted
 * documents' old text from the index and adds their current text, and a second empties the notes.
 * FTS5 writes a segment to disk at every savepoint it takes part in, so an index written as each
 * document changes costs a segment per document; written here, it costs one per transaction.
 * Used only under the writer lock.
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
            + " d.text, 1 FROM " + PENDING + " p JOIN search_documents d ON d.document_id = p.document_id)"
            + " ORDER BY document_id, step";

    static final String DROP_PENDING = "DELETE FROM " + PENDING;

    /** Empties the index of an external-content FTS5 table without reading its documents. */
    static final String EMPTY_INDEX =
            "INSERT INTO " + SearchStatements.INDEX + " (" + SearchStatements.INDEX + ") VALUES ('delete-all')";

    private final SqliteDatabase database;
    private final KeptStatements statements;
    /** Whether documents may have been noted in the open transaction. */
    private boolean noted;

    private PendingSearchDocuments(SqliteDatabase database, KeptStatements statements) {
        this.database = database;
        this.statements = statements;
    }

    /** The database's one instance. */
    static PendingSearchDocuments of(SqliteDatabase database, KeptStatements statements) {
        return database.transactionScoped(
                PendingSearchDocuments.class, () -> new PendingSearchDocuments(database, statements));
    }

    /** The open transaction changed search documents. */
    void noted() {
        noted = true;
    }

    /** Indexes the noted documents now, inside the open transaction, if there is one. */
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
            statements.update(DROP_PENDING);
            statements.update(EMPTY_INDEX);
            noted = false;
            return null;
        });
    }

    private void writeOut() throws SQLException {
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

    /** Notes rolled back with a savepoint leave the flag set: indexing nothing costs little. */
    @Override
    public Runnable atSavepoint() {
        boolean before = noted;
        return () -> noted |= before;
    }

    @Override
    public void forget() {
        noted = false;
    }
}
