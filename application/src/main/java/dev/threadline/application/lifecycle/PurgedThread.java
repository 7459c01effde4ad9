package dev.threadline.application.lifecycle;

/**
 * A purge done.
 *
 * @param plan what was removed, and where the archive went (null: none)
 * @param archiveSha256 the archive's SHA-256, or null when none was kept
 * @param sequence the sequence of the {@code ThreadPurged} event that records it
 * @param snapshotProblem why the thread's workspace snapshots could not be forgotten, or null when
 *     they were (the purge stands either way)
 */
public record PurgedThread(PurgePlan plan, String archiveSha256, long sequence, String snapshotProblem) {}
