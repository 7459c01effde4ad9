-- A checkpoint captured by Threadline keeps its workspace snapshot's commit id and the paths the
-- capture left out (a JSON array of {"path", "reason"}); both stay NULL for a ref recorded by hand.
ALTER TABLE checkpoints ADD COLUMN snapshot_commit TEXT;
ALTER TABLE checkpoints ADD COLUMN skipped TEXT;
