-- History: forks and full-text search. Numbered 4 and independent of version 3, which another
-- line of work adds; Flyway applies both, whatever order they arrive in.

-- A fork names the thread it was forked from and the last message it inherits; both are null for
-- a thread created afresh. The inherited history is read from the parent's rows, never copied.
ALTER TABLE projection_threads ADD COLUMN parent_thread_id TEXT;
ALTER TABLE projection_threads ADD COLUMN fork_message_id TEXT;

-- The searchable documents: each message's final text (under the thread that wrote it) and each
-- thread's title. document_id is the full-text index's rowid; doc_key (a message id, or a thread id
-- for a title) is what the projector writes by.
CREATE TABLE search_documents (
    document_id INTEGER PRIMARY KEY,
    doc_key     TEXT    NOT NULL UNIQUE,
    thread_id   TEXT    NOT NULL,
    project_id  TEXT    NOT NULL,
    turn_id     TEXT,
    message_id  TEXT,
    role        TEXT    CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    at          TEXT    NOT NULL,
    text        TEXT    NOT NULL
);
CREATE INDEX idx_search_documents_thread ON search_documents (thread_id);

-- The index itself holds no copy of the text (external content); the triggers keep it in step with
-- search_documents in the same transaction, whatever statement changes a document.
CREATE VIRTUAL TABLE search_index USING fts5(
    text,
    content = 'search_documents',
    content_rowid = 'document_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.document_id, new.text);
END;

CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_index (search_index, rowid, text) VALUES ('delete', old.document_id, old.text);
END;

CREATE TRIGGER search_documents_updated AFTER UPDATE OF text ON search_documents BEGIN
    INSERT INTO search_index (search_index, rowid, text) VALUES ('delete', old.document_id, old.text);
    INSERT INTO search_index (rowid, text) VALUES (new.document_id, new.text);
END;
