package dev.threadline.application.checkpoint;

/**
 * How a checkpoint is restored.
 *
 * @param dryRun only tell what the restore would change; change and record nothing
 * @param force restore even when the workspace holds changes no checkpoint of the thread has,
 *     after capturing them as a safety checkpoint
 * @param historyOnly record the restore in the thread's history without touching a file
 */
public record RestoreOptions(boolean dryRun, boolean force, boolean historyOnly) {

    /** Restore files and history, refusing when the workspace holds uncaptured changes. */
    public static RestoreOptions defaults() {
        return new RestoreOptions(false, false, false);
    }
}
