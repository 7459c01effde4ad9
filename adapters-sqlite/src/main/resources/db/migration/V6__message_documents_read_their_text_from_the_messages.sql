-- A message's search document holds no copy of its text: its text column is null while it equals
-- the text of the message row it names, and the full-text index reads the text through the view
-- search_content (the document's own text, else its message's). A document keeps a text of its
-- own only when no message row holds the same text (a title always does). The index is
-- external-content over the view, so snippets read the message rows and no text is stored twice
-- in the read models.

CREATE TABLE search_documents_by_reference (
    document_id INTEGER PRIMARY KEY,
    doc_key     TEXT    NOT NULL UNIQUE,
    thread_id   TEXT    NOT NULL,
    project_id  TEXT    NOT NULL,
    turn_id     TEXT,
    message_id  TEXT,
    role        TEXT    CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    at          TEXT    NOT NULL,
    text        TEXT
);

INSERT INTO search_documents_by_reference
    (document_id, doc_key, thread_id, project_id, turn_id, message_id, role, at, text)
SELECT d.document_id, d.doc_key, d.thread_id, d.project_id, d.turn_id, d.message_id, d.role, d.at,
       CASE WHEN d.message_id IS NOT NULL AND m.text IS d.text THEN NULL ELSE d.text END
FROM search_documents d LEFT JOIN projection_messages m ON m.message_id = d.message_id;

DROP TABLE search_index;
DROP TABLE search_documents;
ALTER TABLE search_documents_by_reference RENAME TO search_documents;
CREATE INDEX idx_search_documents_thread ON search_documents (thread_id);

-- What the index indexes: one row per document, its text read where it is stored.
CREATE VIEW search_content AS
SELECT d.document_id AS document_id, coalesce(d.text, m.text) AS text
FROM search_documents d LEFT JOIN projection_messages m ON d.text IS NULL AND m.message_id = d.message_id;

CREATE VIRTUAL TABLE search_index USING fts5(
    text,
    content = 'search_content',
    content_rowid = 'document_id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_index (search_index) VALUES ('rebuild');

-- The notes of search_pending, as before: the text the index holds for a document is its own text,
-- else its message's as it was before the change.
CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_pending (document_id, old_text) SELECT new.document_id, NULL
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = new.document_id);
END;

CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_pending (document_id, old_text)
        SELECT old.document_id,
               coalesce(old.text, (SELECT text FROM projection_messages WHERE message_id = old.message_id))
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = old.document_id);
END;

CREATE TRIGGER search_documents_updated AFTER UPDATE OF text ON search_documents BEGIN
    INSERT INTO search_pending (document_id, old_text)
        SELECT old.document_id,
               coalesce(old.text, (SELECT text FROM projection_messages WHERE message_id = old.message_id))
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = old.document_id);
END;

-- A message row whose text a document reads changes or goes: the index's text for that document
-- is noted first (the message's old text), so the index is brought in step at the commit.
CREATE TRIGGER projection_messages_text_changed AFTER UPDATE OF text ON projection_messages
WHEN old.text IS NOT new.text BEGIN
    INSERT INTO search_pending (document_id, old_text)
        SELECT d.document_id, old.text FROM search_documents d
        WHERE d.doc_key = old.message_id AND d.message_id IS NOT NULL AND d.text IS NULL
          AND NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = d.document_id);
END;

CREATE TRIGGER projection_messages_deleted AFTER DELETE ON projection_messages BEGIN
    INSERT INTO search_pending (document_id, old_text)
        SELECT d.document_id, old.text FROM search_documents d
        WHERE d.doc_key = old.message_id AND d.message_id IS NOT NULL AND d.text IS NULL
          AND NOT EXISTS (SELECT 1 FROM search_pending WHERE document_id = d.document_id);
END;
