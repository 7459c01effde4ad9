package dev.threadline.git;

import static dev.threadline.git.WorkspaceFiles.fingerprint;
import static dev.threadline.git.WorkspaceFiles.git;
import static dev.threadline.git.WorkspaceFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.workspace.CaptureRequest;
import dev.threadline.application.workspace.CommitId;
import dev.threadline.application.workspace.DiffFormat;
import dev.threadline.application.workspace.RestorePlan;
import dev.threadline.application.workspace.SkippedPath;
import dev.threadline.application.workspace.Snapshot;
import dev.threadline.application.workspace.Workspace;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the git implementation promises beyond the port's contract. */
class GitWorkspaceSnapshotsTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path root;

    Path dataDir;
    Path dir;
    Workspace workspace;
    GitWorkspaceSnapshots snapshots;
    final ThreadId thread = ThreadId.next();

    @BeforeEach
    void setUp() throws IOException {
        dataDir = Files.createDirectory(root.resolve("data"));
        dir = Files.createDirectory(root.resolve("work space"));
        workspace = new Workspace(ProjectId.next(), dir, 1024 * 1024);
        snapshots = new GitWorkspaceSnapshots(dataDir);
    }

    private Snapshot capture(CommitId parent) {
        return snapshots.capture(workspace, new CaptureRequest(thread, CheckpointId.next(), parent, "turn", AT));
    }

    private Path shadow() {
        return dataDir.resolve("checkpoints").resolve(workspace.projectId() + ".git");
    }

    private String shadowGit(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--git-dir=" + shadow();
        System.arraycopy(args, 0, all, 1, args.length);
        return git(root, all).strip();
    }

    @Test
    void a_round_trip_is_byte_exact_for_every_kind_of_file_and_name() throws IOException {
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        write(dir, "bin/blob.dat", binary);
        write(dir, "crlf.txt", "one\r\ntwo\r\n");
        write(dir, "run.sh", "#!/bin/sh\necho hi\n");
        WorkspaceFiles.makeExecutable(dir.resolve("run.sh"));
        write(dir, "empty", new byte[0]);
        write(dir, "ünïcødé/名前 with spaces.txt", "unicode\n");
        write(dir, "new\nline.txt", "newline in the name\n");
        write(dir, "to-rename.txt", "renamed later\n");
        Files.createSymbolicLink(dir.resolve("link-to-run"), Path.of("run.sh"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("no/such/target"));
        Map<String, String> before = fingerprint(dir);
        Snapshot snapshot = capture(null);

        write(dir, "bin/blob.dat", "overwritten");
        Files.setPosixFilePermissions(
                dir.resolve("run.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(dir.resolve("empty"));
        Files.move(dir.resolve("to-rename.txt"), dir.resolve("renamed.txt"));
        Files.delete(dir.resolve("link-to-run"));
        write(dir, "link-to-run", "now a file");
        Files.delete(dir.resolve("ünïcødé/名前 with spaces.txt"));
        write(dir, "later/created.txt", "created after the checkpoint");
        write(dir, "crlf.txt", "one\ntwo\n");

        snapshots.restore(workspace, snapshot.commit());

        assertThat(fingerprint(dir)).isEqualTo(before);
        assertThat(snapshots.planRestore(workspace, snapshot.commit()).isEmpty())
                .isTrue();
        assertThat(snapshots.hasUncapturedChanges(workspace, List.of(snapshot.commit())))
                .isFalse();
    }

    @Test
    void ignored_files_are_not_captured_and_never_touched_by_a_restore() throws IOException {
        git(dir, "init", "-q");
        write(dir, ".gitignore", "*.log\nbuild/\n");
        write(dir, ".git/info/exclude", "secret.txt\n");
        write(dir, "src/a.txt", "a\n");
        write(dir, "app.log", "old log\n");
        write(dir, "secret.txt", "token\n");
        write(dir, "build/out.bin", "output\n");
        Snapshot snapshot = capture(null);

        assertThat(shadowGit("ls-tree", "-r", "--name-only", snapshot.commit().hex()))
                .isEqualTo(".gitignore\nsrc/a.txt");

        write(dir, "app.log", "new log\n");
        write(dir, "build/more.bin", "more\n");
        write(dir, "fresh.log", "fresh\n");
        write(dir, "src/b.txt", "not ignored, created later\n");
        Map<String, String> ignoredBefore = fingerprint(dir);
        ignoredBefore.keySet().removeIf(p -> p.startsWith("src/"));

        RestorePlan plan = snapshots.restore(workspace, snapshot.commit());

        assertThat(plan.deleted()).containsExactly("src/b.txt");
        Map<String, String> after = fingerprint(dir);
        assertThat(after).containsAllEntriesOf(ignoredBefore).doesNotContainKey("src/b.txt");
    }

    @Test
    void a_file_captured_before_it_was_ignored_is_left_out_of_later_snapshots() {
        write(dir, "notes.tmp", "scratch\n");
        write(dir, "a.txt", "a\n");
        Snapshot first = capture(null);
        write(dir, ".gitignore", "*.tmp\n");

        Snapshot second = capture(first.commit());

        assertThat(shadowGit("ls-tree", "-r", "--name-only", first.commit().hex()))
                .contains("notes.tmp");
        assertThat(shadowGit("ls-tree", "-r", "--name-only", second.commit().hex()))
                .isEqualTo(".gitignore\na.txt");
    }

    @Test
    void a_nested_repository_with_commits_is_skipped_and_listed() {
        write(dir, "a.txt", "a\n");
        Path nested = dir.resolve("libs/nested");
        write(nested, "n.txt", "n\n");
        git(nested, "init", "-q");
        git(nested, "add", "n.txt");
        git(nested, "commit", "-q", "-m", "n");

        Snapshot snapshot = capture(null);

        assertThat(snapshot.skipped())
                .containsExactly(new SkippedPath("libs/nested", SkippedPath.Reason.NESTED_REPOSITORY));
        assertThat(shadowGit("ls-tree", "-r", "--name-only", snapshot.commit().hex()))
                .isEqualTo("a.txt");
    }

    @Test
    void a_directory_that_becomes_a_repository_after_a_capture_is_dropped_from_later_ones() {
        write(dir, "sub/s.txt", "s\n");
        Snapshot first = capture(null);
        git(dir.resolve("sub"), "init", "-q");

        Snapshot second = capture(first.commit());

        assertThat(second.skipped()).containsExactly(new SkippedPath("sub", SkippedPath.Reason.NESTED_REPOSITORY));
        assertThat(shadowGit("ls-tree", "-r", "--name-only", second.commit().hex()))
                .isEmpty();
    }

    @Test
    void a_file_that_becomes_a_directory_or_a_repository_and_back_is_captured_as_it_is() throws IOException {
        write(dir, "swap-a", "a file first\n");
        write(dir, "swap-b/inner.txt", "a directory first\n");
        write(dir, "repo-later", "a file, then a repository\n");
        Snapshot first = capture(null);
        Files.delete(dir.resolve("swap-a"));
        write(dir, "swap-a/inside.txt", "now a directory\n");
        Files.delete(dir.resolve("swap-b/inner.txt"));
        Files.delete(dir.resolve("swap-b"));
        write(dir, "swap-b", "now a file\n");
        Files.delete(dir.resolve("repo-later"));
        write(dir.resolve("repo-later"), "r.txt", "r\n");
        git(dir.resolve("repo-later"), "init", "-q");
        git(dir.resolve("repo-later"), "add", "r.txt");
        git(dir.resolve("repo-later"), "commit", "-q", "-m", "r");

        Snapshot second = capture(first.commit());

        assertThat(second.skipped())
                .containsExactly(new SkippedPath("repo-later", SkippedPath.Reason.NESTED_REPOSITORY));
        assertThat(shadowGit("ls-tree", "-r", "--name-only", second.commit().hex()))
                .isEqualTo("swap-a/inside.txt\nswap-b");
        Files.delete(dir.resolve("swap-a/inside.txt"));
        Files.delete(dir.resolve("swap-a"));
        write(dir, "swap-a", "a file first\n");
        Files.delete(dir.resolve("swap-b"));
        write(dir, "swap-b/inner.txt", "a directory first\n");
        Snapshot third = capture(second.commit());
        assertThat(shadowGit("ls-tree", "-r", "--name-only", third.commit().hex()))
                .isEqualTo("swap-a\nswap-b/inner.txt");
    }

    @Test
    void a_file_that_grows_over_the_cap_is_dropped_from_later_snapshots() {
        write(dir, "grows.bin", "small");
        Snapshot first = capture(null);
        write(dir, "grows.bin", new byte[2 * 1024 * 1024]);

        Snapshot second = capture(first.commit());

        assertThat(second.skipped()).containsExactly(new SkippedPath("grows.bin", SkippedPath.Reason.TOO_LARGE));
        assertThat(shadowGit("ls-tree", "-r", "--name-only", second.commit().hex()))
                .isEmpty();
    }

    @Test
    void the_users_repository_is_identical_before_and_after_captures_diffs_and_plans() throws IOException {
        git(dir, "init", "-q", "-b", "main");
        write(dir, "tracked.txt", "v1\n");
        git(dir, "add", "tracked.txt");
        git(dir, "commit", "-q", "-m", "first");
        git(dir, "branch", "feature");
        write(dir, "tracked.txt", "stashed\n");
        git(dir, "stash", "-q");
        write(dir, "tracked.txt", "v2, unstaged\n");
        write(dir, "staged.txt", "staged\n");
        git(dir, "add", "staged.txt");
        write(dir, "untracked.txt", "u\n");
        List<String> before = userRepositoryState();

        Snapshot first = capture(null);
        write(dir, "untracked.txt", "u2\n");
        Snapshot second = capture(first.commit());
        snapshots.diff(workspace, first.commit(), second.commit(), DiffFormat.UNIFIED);
        snapshots.diff(workspace, first.commit(), null, DiffFormat.STAT);
        snapshots.planRestore(workspace, first.commit());
        snapshots.hasUncapturedChanges(workspace, List.of(first.commit()));
        write(dir, "untracked.txt", "u\n");

        assertThat(userRepositoryState()).isEqualTo(before);
    }

    private List<String> userRepositoryState() throws IOException {
        return List.of(
                git(dir, "status", "--porcelain"),
                git(dir, "rev-parse", "HEAD"),
                git(dir, "stash", "list"),
                git(dir, "branch", "-a", "-v"),
                git(dir, "for-each-ref"),
                java.util.HexFormat.of().formatHex(Files.readAllBytes(dir.resolve(".git/index"))),
                Files.readString(dir.resolve(".git/HEAD")));
    }

    @Test
    void a_snapshot_is_a_commit_under_its_ref_whose_parent_is_the_previous_snapshot() {
        write(dir, "a.txt", "1\n");
        Snapshot first = capture(null);
        write(dir, "a.txt", "2\n");
        Snapshot second = capture(first.commit());

        assertThat(shadowGit("rev-parse", second.ref()))
                .isEqualTo(second.commit().hex());
        assertThat(shadowGit("rev-parse", second.commit().hex() + "^"))
                .isEqualTo(first.commit().hex());
        assertThat(shadowGit("rev-list", "--count", first.commit().hex())).isEqualTo("1");
        assertThat(shadowGit(
                        "log", "-1", "--format=%an <%ae> %at", second.commit().hex()))
                .isEqualTo("Threadline <threadline@localhost> " + AT.getEpochSecond());
    }

    @Test
    void deleting_a_thread_removes_its_refs_only() {
        write(dir, "a.txt", "1\n");
        Snapshot mine = capture(null);
        Snapshot other = snapshots.capture(
                workspace, new CaptureRequest(ThreadId.next(), CheckpointId.next(), null, "other", AT));

        snapshots.deleteThread(workspace.projectId(), thread);

        assertThat(shadowGit("for-each-ref", "--format=%(refname)")).isEqualTo(other.ref());
        assertThat(mine.ref()).startsWith("refs/threadline/" + thread + "/");
    }

    @Test
    void the_diff_is_a_git_unified_diff_or_stat() {
        write(dir, "a.txt", "one\n");
        Snapshot first = capture(null);
        write(dir, "a.txt", "two\n");

        assertThat(snapshots.diff(workspace, first.commit(), null, DiffFormat.UNIFIED))
                .startsWith("diff --git a/a.txt b/a.txt")
                .contains("@@ -1 +1 @@\n-one\n+two\n");
        assertThat(snapshots.diff(workspace, first.commit(), null, DiffFormat.STAT))
                .contains("a.txt | 2 +-")
                .contains("1 file changed, 1 insertion(+), 1 deletion(-)");
    }

    @Test
    void without_git_every_call_fails_in_one_sentence_and_writes_nothing() {
        write(dir, "a.txt", "a\n");
        GitWorkspaceSnapshots noGit = new GitWorkspaceSnapshots(
                dataDir, root.resolve("no-git-here/git").toString());

        assertThatThrownBy(() ->
                        noGit.capture(workspace, new CaptureRequest(thread, CheckpointId.next(), null, "turn", AT)))
                .isInstanceOf(StorageFailure.class)
                .hasMessageContaining("git program")
                .hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(((StorageFailure) e).reason()).isEqualTo(StorageFailure.Reason.UNAVAILABLE));
        assertThat(dataDir).isEmptyDirectory();
    }
}
