-- The full-text index is written once per transaction rather than once per document. FTS5 writes
-- what it holds in memory to disk at every statement-level savepoint, which a trigger-fired insert
-- opens, so an index written row by row gets a new segment per document and spends its time
-- merging them. Instead the documents' triggers note which documents changed, in a plain table,
-- and the store moves the noted documents into the index in one statement just before it commits
-- (and before a search inside the transaction). The table is empty whenever no transaction is open.

DROP TRIGGER search_documents_inserted;
DROP TRIGGER search_documents_deleted;
DROP TRIGGER search_documents_updated;

-- One row per document changed in the open transaction. old_text is the text the index holds for
-- it, or null when the index does not hold it: the first change in a transaction decides, later
-- ones leave it (tested with NOT EXISTS: an OR IGNORE in a trigger gives way to the conflict rule
-- of the statement that fired it). A rollback, to a savepoint too, takes the notes back with the documents.
CREATE TABLE search_pending (
    document_id INTEGER PRIMARY KEY,
    old_text    TEXT
);

CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_pending (document_id, old_text) SELECT new.document_id, NULL
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = new.document_id);
END;

CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_pending (document_id, old_text) SELECT old.document_id, old.text
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = old.document_id);
END;

CREATE TRIGGER search_documents_updated AFTER UPDATE OF text ON search_documents BEGIN
    INSERT INTO search_pending (document_id, old_text) SELECT old.document_id, old.text
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = old.document_id);
END;
