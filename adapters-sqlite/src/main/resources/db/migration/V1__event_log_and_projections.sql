-- The log. "sequence" is the rowid alias; AUTOINCREMENT means a position is never reused.
CREATE TABLE events (
    sequence       INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       TEXT    NOT NULL,
    stream_id      TEXT    NOT NULL,
    stream_version INTEGER NOT NULL CHECK (stream_version >= 0),
    event_type     TEXT    NOT NULL,
    occurred_at    TEXT    NOT NULL,
    recorded_at    TEXT    NOT NULL,
    command_id     TEXT,
    causation_id   TEXT,
    correlation_id TEXT,
    payload        TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_events_event_id ON events (event_id);
CREATE UNIQUE INDEX ux_events_stream_version ON events (stream_id, stream_version);

-- Read models, projected inline from the log. No foreign keys: a projection must accept any
-- decodable log (an import, an old bug) rather than stop the store from opening.
CREATE TABLE projection_projects (
    project_id     TEXT    NOT NULL PRIMARY KEY,
    name           TEXT    NOT NULL,
    path           TEXT    NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    stream_version INTEGER NOT NULL
);
CREATE INDEX idx_projects_path ON projection_projects (path);

CREATE TABLE projection_threads (
    thread_id        TEXT    NOT NULL PRIMARY KEY,
    project_id       TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    archived         INTEGER NOT NULL DEFAULT 0,
    deleted          INTEGER NOT NULL DEFAULT 0,
    turn_count       INTEGER NOT NULL DEFAULT 0,
    message_count    INTEGER NOT NULL DEFAULT 0,
    running_turn_id  TEXT,
    created_at       TEXT    NOT NULL,
    last_activity_at TEXT    NOT NULL,
    stream_version   INTEGER NOT NULL
);
CREATE INDEX idx_threads_project ON projection_threads (project_id);

CREATE TABLE projection_turns (
    turn_id    TEXT    NOT NULL PRIMARY KEY,
    thread_id  TEXT    NOT NULL,
    ordinal    INTEGER NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted', 'reverted')),
    error      TEXT,
    started_at TEXT    NOT NULL,
    ended_at   TEXT
);
CREATE INDEX idx_turns_thread ON projection_turns (thread_id, ordinal);

CREATE TABLE projection_messages (
    message_id TEXT    NOT NULL PRIMARY KEY,
    thread_id  TEXT    NOT NULL,
    turn_id    TEXT    NOT NULL,
    ordinal    INTEGER NOT NULL,
    role       TEXT    NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    text       TEXT    NOT NULL,
    streaming  INTEGER NOT NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE INDEX idx_messages_turn ON projection_messages (turn_id, ordinal);

CREATE TABLE checkpoints (
    checkpoint_id TEXT    NOT NULL PRIMARY KEY,
    thread_id     TEXT    NOT NULL,
    turn_id       TEXT    NOT NULL,
    git_ref       TEXT    NOT NULL,
    message       TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    restored_at   TEXT
);
CREATE INDEX idx_checkpoints_thread ON checkpoints (thread_id);

CREATE TABLE settings (
    key        TEXT NOT NULL PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- How far each projector has applied the log.
CREATE TABLE projector_positions (
    projector TEXT    NOT NULL PRIMARY KEY,
    position  INTEGER NOT NULL CHECK (position >= 0)
);

-- One row per command id: a retried command returns its result and writes nothing.
CREATE TABLE command_receipts (
    command_id     TEXT    NOT NULL PRIMARY KEY,
    command_type   TEXT    NOT NULL,
    fingerprint    TEXT    NOT NULL,
    result         TEXT    NOT NULL,
    first_sequence INTEGER,
    last_sequence  INTEGER,
    recorded_at    TEXT    NOT NULL
);
