package dev.threadline.git;

import dev.threadline.application.workspace.CaptureRequest;
import dev.threadline.application.workspace.CommitId;
import dev.threadline.application.workspace.DiffFormat;
import dev.threadline.application.workspace.RestorePlan;
import dev.threadline.application.workspace.Snapshot;
import dev.threadline.application.workspace.Workspace;
import dev.threadline.application.workspace.WorkspaceSnapshots;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Workspace snapshots kept in a bare shadow repository per project, {@code
 * <dataDir>/checkpoints/<projectId>.git}, created on first use and worked on through the {@code
 * git} program with a private index, so the user's own repository (index, HEAD, branches, stash,
 * configuration) is never written; a workspace that is no git work tree works the same. Captures
 * honour the workspace's {@code .gitignore} files and {@code .git/info/exclude}.
 *
 * <p>Concurrency: as the port promises. Calls for one project hold a lock in this process and an
 * operating-system lock on {@code <projectId>.lock} beside the repository, so they run one at a
 * time across threads and processes; calls for different projects run in parallel. A capture
 * names its commit last (after the objects and the commit are written), so a killed capture
 * leaves at most unreferenced objects, which {@code git gc} reclaims. A restore recomputes what
 * to change from the files on disk each time, so rerunning it after a kill completes it.
 *
 * <p>Each operation of the port is a short sequence of git calls under the project's lock; the git
 * plumbing lives in {@code GitProgram}, {@code ShadowRepository} and {@code Staging}, a restore's
 * plan and its application in {@code RestoreStep}.
 */
public final class GitWorkspaceSnapshots implements WorkspaceSnapshots {

    /** Where a test may stop a call, to stand for a process killed at that moment. */
    enum Point {
        /** A capture wrote its commit but not yet the ref naming it. */
        CAPTURE_BEFORE_REF,
        /** A restore deleted files but wrote none yet. */
        RESTORE_AFTER_DELETIONS
    }

    /** Called at each {@link Point}; does nothing outside tests. */
    interface Pauses {
        void at(Point point);
    }

    private final Path checkpoints;
    private final GitProgram git;
    private final Pauses pauses;
    private final ProjectLock locks = new ProjectLock();

    /**
     * Snapshots under {@code <dataDir>/checkpoints}, through the {@code git} found on the PATH.
     *
     * @param dataDir the data directory
     */
    public GitWorkspaceSnapshots(Path dataDir) {
        this(dataDir, "git");
    }

    /**
     * @param dataDir the data directory
     * @param gitExecutable the git program: a name looked up on the PATH, or a path
     */
    public GitWorkspaceSnapshots(Path dataDir, String gitExecutable) {
        this(dataDir, gitExecutable, point -> {});
    }

    GitWorkspaceSnapshots(Path dataDir, String gitExecutable, Pauses pauses) {
        this.checkpoints = dataDir.toAbsolutePath().resolve("checkpoints");
        this.git = new GitProgram(Objects.requireNonNull(gitExecutable, "gitExecutable"), checkpoints);
        this.pauses = pauses;
    }

    @Override
    public Snapshot capture(Workspace workspace, CaptureRequest request) {
        return underLock(workspace, true, repo -> {
            Staging.Staged staged = Staging.stage(repo, workspace.maxFileBytes());
            List<String> args = new ArrayList<>(List.of("commit-tree", staged.tree()));
            if (request.parent() != null) {
                args.add("-p");
                args.add(request.parent().hex());
            }
            args.add("-F");
            args.add("-");
            String date = "@" + request.at().getEpochSecond() + " +0000";
            GitProgram.Result made = repo.tryRun(
                    request.message().getBytes(StandardCharsets.UTF_8),
                    Map.of(
                            "GIT_AUTHOR_NAME", "Threadline",
                            "GIT_AUTHOR_EMAIL", "threadline@localhost",
                            "GIT_COMMITTER_NAME", "Threadline",
                            "GIT_COMMITTER_EMAIL", "threadline@localhost",
                            "GIT_AUTHOR_DATE", date,
                            "GIT_COMMITTER_DATE", date),
                    args.toArray(String[]::new));
            if (!made.ok()) {
                if (request.parent() != null) {
                    requireCommit(repo, workspace, request.parent());
                }
                throw ShadowRepository.failure(
                        "git commit-tree failed in the checkpoint repository " + repo.gitDir(), made);
            }
            CommitId commit = new CommitId(made.outText().strip());
            pauses.at(Point.CAPTURE_BEFORE_REF);
            repo.run("update-ref", "-m", "capture", request.ref(), commit.hex());
            return new Snapshot(commit, request.ref(), staged.skipped());
        });
    }

    @Override
    public String diff(Workspace workspace, CommitId from, CommitId to, DiffFormat format) {
        return underLock(workspace, false, repo -> {
            requireCommit(repo, workspace, from);
            String newer;
            if (to == null) {
                newer = Staging.stage(repo, workspace.maxFileBytes()).tree();
            } else {
                requireCommit(repo, workspace, to);
                newer = to.hex();
            }
            List<String> args = new ArrayList<>(List.of("diff", "--no-color", "--no-ext-diff", "--no-textconv"));
            if (format == DiffFormat.STAT) {
                args.add("--stat=1000");
                args.add("--stat-graph-width=40");
            }
            args.add(from.hex());
            args.add(newer);
            args.add("--");
            return new String(repo.run(args.toArray(String[]::new)), StandardCharsets.UTF_8);
        });
    }

    @Override
    public RestorePlan planRestore(Workspace workspace, CommitId commit) {
        return underLock(workspace, false, repo -> {
            requireCommit(repo, workspace, commit);
            return new RestoreStep(repo, commit, Staging.stage(repo, workspace.maxFileBytes())).plan();
        });
    }

    @Override
    public RestorePlan restore(Workspace workspace, CommitId commit) {
        return underLock(workspace, false, repo -> {
            requireCommit(repo, workspace, commit);
            RestoreStep step = new RestoreStep(repo, commit, Staging.stage(repo, workspace.maxFileBytes()));
            return step.apply(() -> pauses.at(Point.RESTORE_AFTER_DELETIONS));
        });
    }

    @Override
    public boolean hasUncapturedChanges(Workspace workspace, Collection<CommitId> commits) {
        if (commits.isEmpty()) {
            requireDirectory(workspace.directory());
            return true;
        }
        return underLock(workspace, false, repo -> {
            for (CommitId commit : commits) {
                requireCommit(repo, workspace, commit);
            }
            String tree = Staging.stage(repo, workspace.maxFileBytes()).tree();
            List<String> trees = new ArrayList<>(List.of("rev-parse"));
            commits.forEach(c -> trees.add(c.hex() + "^{tree}"));
            return new String(repo.run(trees.toArray(String[]::new)), StandardCharsets.UTF_8)
                    .lines()
                    .noneMatch(tree::equals);
        });
    }

    @Override
    public void deleteThread(ProjectId projectId, ThreadId threadId) {
        Path gitDir = gitDirOf(projectId);
        if (!Files.isDirectory(gitDir)) {
            return;
        }
        git.requireAvailable();
        ProjectLock.Held held = locks.acquire(lockFileOf(projectId));
        try {
            ShadowRepository repo = new ShadowRepository(git, gitDir, null);
            repo.clearLeftovers();
            List<String> refs = new String(
                            repo.run("for-each-ref", "--format=%(refname)", "refs/threadline/" + threadId + "/"),
                            StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            if (refs.isEmpty()) {
                return;
            }
            StringBuilder deletions = new StringBuilder();
            refs.forEach(ref -> deletions.append("delete ").append(ref).append('\n'));
            repo.run(deletions.toString().getBytes(StandardCharsets.UTF_8), Map.of(), "update-ref", "--stdin");
            repo.run("gc", "--auto", "--quiet");
        } finally {
            held.close();
        }
    }

    /** Checks the workspace and git, then runs the work holding the project's lock. */
    private <T> T underLock(Workspace workspace, boolean createRepository, Work<T> work) {
        Path dir = workspace.directory().toAbsolutePath().normalize();
        requireDirectory(dir);
        git.requireAvailable();
        ProjectId project = workspace.projectId();
        try {
            if (!Files.isDirectory(checkpoints)) {
                Files.createDirectories(checkpoints.getParent());
                // The shadow repositories hold copies of the user's files: only their owner may read them.
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectory(
                            checkpoints,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(checkpoints);
                }
            }
        } catch (FileAlreadyExistsException e) {
            // another process made it first
        } catch (IOException e) {
            throw new StorageFailure(
                    StorageFailure.Reason.UNAVAILABLE, "could not create the checkpoint directory " + checkpoints, e);
        }
        ProjectLock.Held held = locks.acquire(lockFileOf(project));
        try {
            ShadowRepository repo = new ShadowRepository(git, gitDirOf(project), dir);
            if (repo.exists()) {
                repo.clearLeftovers();
            } else if (createRepository) {
                repo.clearLeftovers();
                repo.create();
            }
            return work.on(repo);
        } finally {
            held.close();
        }
    }

    private interface Work<T> {
        T on(ShadowRepository repo);
    }

    private static void requireDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInput("the project path " + dir + " is not a directory");
        }
        throw new InvalidInput("the project directory " + dir + " does not exist");
    }

    private static void requireCommit(ShadowRepository repo, Workspace workspace, CommitId commit) {
        if (!repo.exists()
                || !repo.tryRun(null, Map.of(), "cat-file", "-e", commit.hex() + "^{commit}")
                        .ok()) {
            throw new NotFound("snapshot of project " + workspace.projectId(), "commit", commit);
        }
    }

    private Path gitDirOf(ProjectId project) {
        return checkpoints.resolve(project + ".git");
    }

    private Path lockFileOf(ProjectId project) {
        return checkpoints.resolve(project + ".lock");
    }
}
