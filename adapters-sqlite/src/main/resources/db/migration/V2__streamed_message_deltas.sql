-- The text streamed into a message that is still streaming, one row a delta. Appending a delta
-- inserts a small row instead of rewriting an ever-longer projection_messages.text, so the
-- 10,000th delta costs what the first did; completing the message folds the rows into its text.
-- position counts the message's deltas from 1, the same in a live store and in a rebuild.
CREATE TABLE projection_message_deltas (
    message_id TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    delta      TEXT    NOT NULL,
    PRIMARY KEY (message_id, position)
);
