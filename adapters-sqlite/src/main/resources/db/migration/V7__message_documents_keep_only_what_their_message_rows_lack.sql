-- A message's search document keeps only what its message row lacks. Its turn, message id, role
-- and time are null while the message row holds the same value, as its text already was; reads
-- take them from that row, by the document's key (a message document's key is its message's id).
-- A document keeps a value of its own only where no message row holds the same one: a title keeps
-- everything, as do the documents of a message whose row was not there when it was written. Its
-- thread stays, since a thread's documents are removed by it, and so does its project: the
-- thread's row is not always written before its documents, so leaving the project out would make
-- a document's row depend on the order of writes. The document ids stay, so the full-text index
-- keeps what it holds.

DROP TRIGGER search_documents_inserted;
DROP TRIGGER search_documents_deleted;
DROP TRIGGER search_documents_updated;
DROP TRIGGER projection_messages_text_changed;
DROP TRIGGER projection_messages_deleted;
DROP VIEW search_content;

CREATE TABLE search_documents_by_key (
    document_id INTEGER PRIMARY KEY,
    doc_key     TEXT    NOT NULL UNIQUE,
    thread_id   TEXT    NOT NULL,
    project_id  TEXT    NOT NULL,
    turn_id     TEXT,
    message_id  TEXT,
    role        TEXT    CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    at          TEXT,
    text        TEXT
);

INSERT INTO search_documents_by_key
    (document_id, doc_key, thread_id, project_id, turn_id, message_id, role, at, text)
SELECT d.document_id, d.doc_key, d.thread_id,
       d.project_id,
       CASE WHEN m.message_id IS NOT NULL AND m.turn_id IS d.turn_id THEN NULL ELSE d.turn_id END,
       CASE WHEN m.message_id IS NOT NULL THEN NULL ELSE d.message_id END,
       CASE WHEN m.message_id IS NOT NULL AND m.role IS d.role THEN NULL ELSE d.role END,
       CASE WHEN m.message_id IS NOT NULL AND m.created_at IS d.at THEN NULL ELSE d.at END,
       d.text
FROM search_documents d
LEFT JOIN projection_messages m ON d.message_id IS NOT NULL AND m.message_id = d.doc_key;

DROP TABLE search_documents;
ALTER TABLE search_documents_by_key RENAME TO search_documents;
CREATE INDEX idx_search_documents_thread ON search_documents (thread_id);

-- What the index indexes, as before: the document's own text, else its message's.
CREATE VIEW search_content AS
SELECT d.document_id AS document_id, coalesce(d.text, m.text) AS text
FROM search_documents d LEFT JOIN projection_messages m ON d.text IS NULL AND m.message_id = d.doc_key;

-- The notes of search_pending, as before, the message found by the document's key.
CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_pending (document_id, old_text) SELECT new.document_id, NULL
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = new.document_id);
END;

CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_pending (document_id, old_text)
        SELECT old.document_id,
               coalesce(old.text, (SELECT text FROM projection_messages WHERE message_id = old.doc_key))
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = old.document_id);
END;

CREATE TRIGGER search_documents_updated AFTER UPDATE OF text ON search_documents BEGIN
    INSERT INTO search_pending (document_id, old_text)
        SELECT old.document_id,
               coalesce(old.text, (SELECT text FROM projection_messages WHERE message_id = old.doc_key))
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = old.document_id);
END;

CREATE TRIGGER projection_messages_text_changed AFTER UPDATE OF text ON projection_messages
WHEN old.text IS NOT new.text BEGIN
    INSERT INTO search_pending (document_id, old_text)
        SELECT d.document_id, old.text FROM search_documents d
        WHERE d.doc_key = old.message_id AND d.text IS NULL
          AND NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = d.document_id);
END;

CREATE TRIGGER projection_messages_deleted AFTER DELETE ON projection_messages BEGIN
    INSERT INTO search_pending (document_id, old_text)
        SELECT d.document_id, old.text FROM search_documents d
        WHERE d.doc_key = old.message_id AND d.text IS NULL
          AND NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = d.document_id);
END;
