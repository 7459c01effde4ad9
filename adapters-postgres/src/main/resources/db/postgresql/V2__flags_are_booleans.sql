-- Flags are boolean, the type the jOOQ classes generated from the SQLite migrations bind them as
-- (SQLite stores them as 0/1 under that binding), so the same generated schema renders both
-- dialects. Every other column already binds the same type on both (BIGINT, TEXT).
ALTER TABLE projection_projects
    ALTER COLUMN deleted DROP DEFAULT,
    ALTER COLUMN deleted TYPE BOOLEAN USING deleted <> 0,
    ALTER COLUMN deleted SET DEFAULT false;

ALTER TABLE projection_threads
    ALTER COLUMN archived DROP DEFAULT,
    ALTER COLUMN archived TYPE BOOLEAN USING archived <> 0,
    ALTER COLUMN archived SET DEFAULT false,
    ALTER COLUMN deleted DROP DEFAULT,
    ALTER COLUMN deleted TYPE BOOLEAN USING deleted <> 0,
    ALTER COLUMN deleted SET DEFAULT false;

ALTER TABLE projection_messages
    ALTER COLUMN streaming TYPE BOOLEAN USING streaming <> 0;
