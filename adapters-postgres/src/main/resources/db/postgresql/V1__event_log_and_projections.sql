-- Threadline on PostgreSQL. Column types bind the same Java types as the SQLite schema (BIGINT,
-- TEXT, flags as 0/1), so a row reads the same from either store. Payloads are text, not jsonb:
-- a retried append compares stored content byte for byte, and jsonb would reorder its keys.

-- The log. Sequences are dense and in commit order: a writer takes the store's transaction lock,
-- then numbers its events from log_head, which also keeps a purged tail's numbers from reuse.
CREATE TABLE events (
    sequence       BIGINT NOT NULL PRIMARY KEY,
    event_id       TEXT   NOT NULL,
    stream_id      TEXT   NOT NULL,
    stream_version BIGINT NOT NULL CHECK (stream_version >= 0),
    event_type     TEXT   NOT NULL,
    occurred_at    TEXT   NOT NULL,
    recorded_at    TEXT   NOT NULL,
    command_id     TEXT,
    causation_id   TEXT,
    correlation_id TEXT,
    payload        TEXT   NOT NULL
);
CREATE UNIQUE INDEX ux_events_event_id ON events (event_id);
CREATE UNIQUE INDEX ux_events_stream_version ON events (stream_id, stream_version);

CREATE TABLE log_head (
    id            BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    last_sequence BIGINT NOT NULL CHECK (last_sequence >= 0)
);
INSERT INTO log_head (id, last_sequence) VALUES (1, 0);

CREATE TABLE projection_projects (
    project_id     TEXT   NOT NULL PRIMARY KEY,
    name           TEXT   NOT NULL,
    path           TEXT   NOT NULL,
    deleted        BIGINT NOT NULL DEFAULT 0,
    created_at     TEXT   NOT NULL,
    updated_at     TEXT   NOT NULL,
    stream_version BIGINT NOT NULL
);
CREATE INDEX idx_projects_path ON projection_projects (path);

CREATE TABLE projection_threads (
    thread_id        TEXT   NOT NULL PRIMARY KEY,
    project_id       TEXT   NOT NULL,
    title            TEXT   NOT NULL,
    model            TEXT   NOT NULL,
    archived         BIGINT NOT NULL DEFAULT 0,
    deleted          BIGINT NOT NULL DEFAULT 0,
    turn_count       BIGINT NOT NULL DEFAULT 0,
    message_count    BIGINT NOT NULL DEFAULT 0,
    running_turn_id  TEXT,
    created_at       TEXT   NOT NULL,
    last_activity_at TEXT   NOT NULL,
    stream_version   BIGINT NOT NULL,
    parent_thread_id TEXT,
    fork_message_id  TEXT
);
CREATE INDEX idx_threads_project ON projection_threads (project_id);

CREATE TABLE projection_turns (
    turn_id    TEXT   NOT NULL PRIMARY KEY,
    thread_id  TEXT   NOT NULL,
    ordinal    BIGINT NOT NULL,
    status     TEXT   NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted', 'reverted')),
    error      TEXT,
    started_at TEXT   NOT NULL,
    ended_at   TEXT
);
CREATE INDEX idx_turns_thread ON projection_turns (thread_id, ordinal);

CREATE TABLE projection_messages (
    message_id TEXT   NOT NULL PRIMARY KEY,
    thread_id  TEXT   NOT NULL,
    turn_id    TEXT   NOT NULL,
    ordinal    BIGINT NOT NULL,
    role       TEXT   NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    text       TEXT   NOT NULL,
    streaming  BIGINT NOT NULL,
    created_at TEXT   NOT NULL,
    updated_at TEXT   NOT NULL
);
CREATE INDEX idx_messages_turn ON projection_messages (turn_id, ordinal);
CREATE INDEX idx_messages_thread ON projection_messages (thread_id, ordinal);

-- Text streamed into a message that is still streaming, one row a delta, so a delta's cost does
-- not grow with the text so far; completing the message folds the rows into its text.
CREATE TABLE projection_message_deltas (
    message_id TEXT   NOT NULL,
    position   BIGINT NOT NULL,
    delta      TEXT   NOT NULL,
    PRIMARY KEY (message_id, position)
);

CREATE TABLE checkpoints (
    checkpoint_id   TEXT NOT NULL PRIMARY KEY,
    thread_id       TEXT NOT NULL,
    turn_id         TEXT NOT NULL,
    git_ref         TEXT NOT NULL,
    message         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    restored_at     TEXT,
    snapshot_commit TEXT,
    skipped         TEXT
);
CREATE INDEX idx_checkpoints_thread ON checkpoints (thread_id);

CREATE TABLE settings (
    key        TEXT NOT NULL PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The searchable documents: each message's final text under the thread that wrote it, and each
-- thread's title. tokens holds the text's words as the query language splits them, without case
-- or diacritics; it is derived from text and left out of verification.
CREATE TABLE search_documents (
    doc_key    TEXT     NOT NULL PRIMARY KEY,
    thread_id  TEXT     NOT NULL,
    project_id TEXT     NOT NULL,
    turn_id    TEXT,
    message_id TEXT,
    role       TEXT     CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    at         TEXT     NOT NULL,
    text       TEXT     NOT NULL,
    tokens     TSVECTOR NOT NULL
);
CREATE INDEX idx_search_documents_thread ON search_documents (thread_id);
CREATE INDEX idx_search_documents_tokens ON search_documents USING gin (tokens);

CREATE TABLE projector_positions (
    projector TEXT   NOT NULL PRIMARY KEY,
    position  BIGINT NOT NULL CHECK (position >= 0)
);

CREATE TABLE command_receipts (
    command_id     TEXT   NOT NULL PRIMARY KEY,
    command_type   TEXT   NOT NULL,
    fingerprint    TEXT   NOT NULL,
    result         TEXT   NOT NULL,
    first_sequence BIGINT,
    last_sequence  BIGINT,
    recorded_at    TEXT   NOT NULL
);
