package dev.threadline.application.workspace;

import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.util.Collection;

/**
 * Snapshots of a project's workspace directory: capture its files, compare snapshots, and put a
 * snapshot back. Snapshots live in storage of the implementation's own (never inside the
 * workspace), so capturing never writes the workspace or a repository the user keeps there.
 *
 * <p>What a snapshot holds: every regular file and symbolic link under the workspace, byte for
 * byte, with its executable bit, except files the implementation is told to leave out (a git
 * implementation honours the workspace's ignore rules), directories holding a {@code .git} entry
 * (nested repositories) and files larger than {@link Workspace#maxFileBytes()}; the last two are
 * listed in {@link Snapshot#skipped()}. Restoring never touches a path that a capture would leave
 * out now.
 *
 * <p>Concurrency: every method may be called from several threads, and several processes may use
 * the same storage. Calls for the same project run one at a time (each waits for the one before
 * it); calls for different projects run in parallel. A process killed during {@link #capture}
 * leaves no snapshot reference behind; one killed during {@link #restore} leaves a workspace
 * that running the same restore again completes.
 *
 * <p>Failures: {@link dev.threadline.domain.error.InvalidInput} when the workspace directory does
 * not exist or is a file; {@link dev.threadline.domain.error.NotFound} when a commit is not a
 * snapshot of the project; {@link dev.threadline.domain.error.StorageFailure} when the snapshot
 * storage cannot do its part ({@code UNAVAILABLE} when the tool it needs, such as {@code git}, is
 * missing). Each carries one sentence a person can act on.
 */
public interface WorkspaceSnapshots {

    /**
     * Snapshots the workspace's files and names the snapshot {@code
     * refs/threadline/<threadId>/<checkpointId>} (replacing that name if it exists). The name is
     * written last: until it exists, no reader sees a snapshot.
     */
    Snapshot capture(Workspace workspace, CaptureRequest request);

    /**
     * Compares two snapshots, or a snapshot and the current workspace.
     *
     * @param from the older side
     * @param to the newer side, or null for the workspace as it is now
     * @param format unified diff or per-file summary
     * @return the text, empty when both sides hold the same files
     */
    String diff(Workspace workspace, CommitId from, CommitId to, DiffFormat format);

    /** What {@link #restore} would change now, without changing anything. */
    RestorePlan planRestore(Workspace workspace, CommitId commit);

    /**
     * Makes the workspace hold exactly the snapshot's files: modified files are written back,
     * missing ones created, and files the snapshot lacks deleted, except paths a capture would
     * leave out now (ignored, over the size cap, inside a nested repository), which stay as they
     * are.
     *
     * @return what was changed
     */
    RestorePlan restore(Workspace workspace, CommitId commit);

    /**
     * Whether the workspace differs from every one of the given snapshots: true when it holds
     * changes that none of them has (and true when there is none).
     */
    boolean hasUncapturedChanges(Workspace workspace, Collection<CommitId> commits);

    /**
     * Forgets the snapshot names of a thread; their content is reclaimed later, once nothing else
     * refers to it. Doing so for a thread or project without snapshots does nothing.
     */
    void deleteThread(ProjectId projectId, ThreadId threadId);
}
