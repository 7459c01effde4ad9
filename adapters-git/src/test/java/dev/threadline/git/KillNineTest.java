package dev.threadline.git;

import static dev.threadline.git.WorkspaceFiles.fingerprint;
import static dev.threadline.git.WorkspaceFiles.git;
import static dev.threadline.git.WorkspaceFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.workspace.CaptureRequest;
import dev.threadline.application.workspace.Snapshot;
import dev.threadline.application.workspace.Workspace;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL in the middle of a capture or a restore. */
class KillNineTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path root;

    Path dataDir;
    Path dir;
    Workspace workspace;
    final ThreadId thread = ThreadId.next();

    @BeforeEach
    void setUp() throws IOException {
        dataDir = Files.createDirectory(root.resolve("data"));
        dir = Files.createDirectory(root.resolve("workspace"));
        workspace = new Workspace(ProjectId.next(), dir, 1024 * 1024);
    }

    /** Starts {@link KilledMidway}, waits until it reaches the point, and kills it with SIGKILL. */
    private void killAt(GitWorkspaceSnapshots.Point point, String... extra) throws Exception {
        Path marker = root.resolve("reached-" + point);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KilledMidway.class.getName(),
                dataDir.toString(),
                dir.toString(),
                workspace.projectId().toString(),
                thread.toString(),
                point.name(),
                marker.toString()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("victim.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(marker).as(() -> read(root.resolve("victim.log"))).exists();
        process.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private Snapshot capture(GitWorkspaceSnapshots snapshots) {
        return snapshots.capture(workspace, new CaptureRequest(thread, CheckpointId.next(), null, "turn", AT));
    }

    @Test
    void a_capture_killed_before_naming_its_commit_leaves_no_ref_and_the_next_capture_works() throws Exception {
        write(dir, "a.txt", "a\n");
        write(dir, "b/c.txt", "c\n");

        killAt(GitWorkspaceSnapshots.Point.CAPTURE_BEFORE_REF);

        Path shadow = dataDir.resolve("checkpoints").resolve(workspace.projectId() + ".git");
        assertThat(git(root, "--git-dir=" + shadow, "for-each-ref")).isEmpty();
        GitWorkspaceSnapshots snapshots = new GitWorkspaceSnapshots(dataDir);
        Map<String, String> captured = fingerprint(dir);
        Snapshot snapshot = capture(snapshots);
        write(dir, "a.txt", "changed\n");
        snapshots.restore(workspace, snapshot.commit());
        assertThat(fingerprint(dir)).isEqualTo(captured);
        assertThat(git(root, "--git-dir=" + shadow, "for-each-ref", "--format=%(refname)")
                        .strip())
                .isEqualTo(snapshot.ref());
    }

    @Test
    void a_restore_killed_halfway_is_completed_by_running_it_again() throws Exception {
        write(dir, "kept.txt", "kept\n");
        write(dir, "modified.txt", "original\n");
        write(dir, "deleted-later.txt", "will be recreated\n");
        GitWorkspaceSnapshots snapshots = new GitWorkspaceSnapshots(dataDir);
        Map<String, String> captured = fingerprint(dir);
        Snapshot snapshot = capture(snapshots);
        write(dir, "modified.txt", "changed\n");
        Files.delete(dir.resolve("deleted-later.txt"));
        write(dir, "created-later/x.txt", "to be removed\n");

        killAt(
                GitWorkspaceSnapshots.Point.RESTORE_AFTER_DELETIONS,
                snapshot.commit().hex());

        assertThat(dir.resolve("created-later")).doesNotExist();
        assertThat(dir.resolve("deleted-later.txt")).doesNotExist();
        snapshots.restore(workspace, snapshot.commit());
        assertThat(fingerprint(dir)).isEqualTo(captured);
        assertThat(snapshots.planRestore(workspace, snapshot.commit()).isEmpty())
                .isTrue();
    }
}
