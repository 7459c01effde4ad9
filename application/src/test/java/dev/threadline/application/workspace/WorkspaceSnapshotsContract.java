package dev.threadline.application.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every behaviour of the {@link WorkspaceSnapshots} port that does not depend on how snapshots
 * are stored. Each implementation extends this class and supplies only a fresh instance over an
 * empty data directory.
 */
public abstract class WorkspaceSnapshotsContract {

    protected static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    protected Path root;

    protected Path dataDir;
    protected Path dir;
    protected Workspace workspace;
    protected WorkspaceSnapshots snapshots;
    protected final ThreadId thread = ThreadId.next();

    /** A new instance keeping its snapshots under {@code dataDir}, which exists and is empty. */
    protected abstract WorkspaceSnapshots newSnapshots(Path dataDir) throws Exception;

    @BeforeEach
    void openSnapshots() throws Exception {
        dataDir = Files.createDirectory(root.resolve("data"));
        dir = Files.createDirectory(root.resolve("workspace"));
        workspace = new Workspace(ProjectId.next(), dir, 1024);
        snapshots = newSnapshots(dataDir);
    }

    @AfterEach
    void closeSnapshots() throws Exception {
        if (snapshots instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    protected Snapshot capture(CommitId parent) {
        return capture(workspace, parent);
    }

    protected Snapshot capture(Workspace in, CommitId parent) {
        return snapshots.capture(in, new CaptureRequest(thread, CheckpointId.next(), parent, "after a turn", AT));
    }

    protected static void write(Path dir, String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected void write(String path, String content) {
        write(dir, path, content);
    }

    /** Every regular file under {@code dir} (outside {@code .git} directories) and its content. */
    protected static Map<String, String> files(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().contains(".git"))
                    .forEach(p -> {
                        try {
                            files.put(
                                    dir.relativize(p).toString().replace('\\', '/'),
                                    Files.readString(p, StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Test
    void a_capture_is_named_after_its_thread_and_checkpoint() {
        write("a.txt", "a\n");
        CheckpointId checkpoint = CheckpointId.next();

        Snapshot snapshot = snapshots.capture(workspace, new CaptureRequest(thread, checkpoint, null, "first", AT));

        assertThat(snapshot.ref()).isEqualTo("refs/threadline/" + thread + "/" + checkpoint);
        assertThat(snapshot.skipped()).isEmpty();
    }

    @Test
    void capturing_does_not_change_the_workspace() {
        write("a.txt", "a\n");
        write("sub dir/ünïcode näme.txt", "b\n");
        write("empty", "");
        Map<String, String> before = files(dir);

        capture(null);

        assertThat(files(dir)).isEqualTo(before);
    }

    @Test
    void restoring_brings_back_modified_deleted_and_renamed_files_byte_for_byte() {
        write("a.txt", "alpha\n");
        write("docs/b.md", "# bravo\n");
        write("sub dir/ünïcode näme.txt", "charlie\n");
        write("empty", "");
        Map<String, String> captured = files(dir);
        Snapshot snapshot = capture(null);

        write("a.txt", "alpha, changed\n");
        deleteFile("docs/b.md");
        rename("sub dir/ünïcode näme.txt", "renamed.txt");
        write("empty", "no longer empty");

        RestorePlan plan = snapshots.restore(workspace, snapshot.commit());

        assertThat(files(dir)).isEqualTo(captured);
        assertThat(plan.modified()).containsExactly("a.txt", "empty");
        assertThat(plan.created()).containsExactly("docs/b.md", "sub dir/ünïcode näme.txt");
        assertThat(plan.deleted()).containsExactly("renamed.txt");
    }

    @Test
    void restoring_removes_files_created_after_the_snapshot_and_directories_they_leave_empty() {
        write("a.txt", "a\n");
        Snapshot snapshot = capture(null);
        write("new/deeper/c.txt", "c\n");
        write("d.txt", "d\n");

        snapshots.restore(workspace, snapshot.commit());

        assertThat(files(dir)).containsOnlyKeys("a.txt");
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void planning_a_restore_lists_the_changes_and_touches_nothing() {
        write("a.txt", "a\n");
        write("b.txt", "b\n");
        Snapshot snapshot = capture(null);
        write("a.txt", "changed\n");
        deleteFile("b.txt");
        write("c.txt", "c\n");
        Map<String, String> before = files(dir);

        RestorePlan plan = snapshots.planRestore(workspace, snapshot.commit());

        assertThat(plan.modified()).containsExactly("a.txt");
        assertThat(plan.created()).containsExactly("b.txt");
        assertThat(plan.deleted()).containsExactly("c.txt");
        assertThat(plan.isEmpty()).isFalse();
        assertThat(files(dir)).isEqualTo(before);
    }

    @Test
    void a_restore_of_the_workspace_as_it_is_changes_nothing_and_restoring_again_too() {
        write("a.txt", "a\n");
        Snapshot snapshot = capture(null);

        assertThat(snapshots.planRestore(workspace, snapshot.commit()).isEmpty())
                .isTrue();
        write("a.txt", "changed\n");
        assertThat(snapshots.restore(workspace, snapshot.commit()).isEmpty()).isFalse();
        assertThat(snapshots.restore(workspace, snapshot.commit()).isEmpty()).isTrue();
        assertThat(files(dir)).containsExactly(Map.entry("a.txt", "a\n"));
    }

    @Test
    void restoring_goes_back_and_forth_between_snapshots() {
        write("a.txt", "one\n");
        Snapshot first = capture(null);
        write("a.txt", "two\n");
        write("b.txt", "b\n");
        Snapshot second = capture(first.commit());

        snapshots.restore(workspace, first.commit());
        assertThat(files(dir)).containsExactly(Map.entry("a.txt", "one\n"));

        snapshots.restore(workspace, second.commit());
        assertThat(files(dir)).containsExactly(Map.entry("a.txt", "two\n"), Map.entry("b.txt", "b\n"));
    }

    @Test
    void files_over_the_size_cap_are_skipped_listed_and_left_in_place_by_a_restore() {
        write("small.txt", "s\n");
        write("big/large.bin", "x".repeat(2000));
        Snapshot snapshot = capture(null);

        assertThat(snapshot.skipped()).containsExactly(new SkippedPath("big/large.bin", SkippedPath.Reason.TOO_LARGE));

        write("small.txt", "changed\n");
        RestorePlan plan = snapshots.restore(workspace, snapshot.commit());

        assertThat(plan.deleted()).isEmpty();
        assertThat(files(dir)).containsEntry("small.txt", "s\n").containsKey("big/large.bin");
    }

    @Test
    void a_file_exactly_at_the_size_cap_is_kept() {
        write("edge.bin", "x".repeat(1024));

        assertThat(capture(null).skipped()).isEmpty();
    }

    @Test
    void a_nested_repository_is_skipped_listed_and_never_touched_by_a_restore() throws IOException {
        write("a.txt", "a\n");
        write("vendor/lib/file.txt", "nested\n");
        Files.createDirectories(dir.resolve("vendor/lib/.git"));
        Snapshot snapshot = capture(null);

        assertThat(snapshot.skipped())
                .containsExactly(new SkippedPath("vendor/lib", SkippedPath.Reason.NESTED_REPOSITORY));

        write("vendor/lib/file.txt", "nested, changed\n");
        write("vendor/lib/new.txt", "new\n");
        snapshots.restore(workspace, snapshot.commit());

        assertThat(files(dir))
                .containsEntry("vendor/lib/file.txt", "nested, changed\n")
                .containsEntry("vendor/lib/new.txt", "new\n");
    }

    @Test
    void the_workspace_has_uncaptured_changes_until_it_matches_one_snapshot() {
        write("a.txt", "one\n");
        Snapshot first = capture(null);
        write("a.txt", "two\n");
        Snapshot second = capture(first.commit());
        List<CommitId> both = List.of(first.commit(), second.commit());

        assertThat(snapshots.hasUncapturedChanges(workspace, both)).isFalse();
        write("a.txt", "three\n");
        assertThat(snapshots.hasUncapturedChanges(workspace, both)).isTrue();
        write("a.txt", "one\n");
        assertThat(snapshots.hasUncapturedChanges(workspace, both)).isFalse();
        write("b.txt", "b\n");
        assertThat(snapshots.hasUncapturedChanges(workspace, both)).isTrue();
        assertThat(snapshots.hasUncapturedChanges(workspace, List.of())).isTrue();
    }

    @Test
    void a_diff_between_snapshots_names_the_changed_files_and_is_empty_between_equal_ones() {
        write("a.txt", "one\n");
        write("same.txt", "same\n");
        Snapshot first = capture(null);
        write("a.txt", "two\n");
        Snapshot second = capture(first.commit());

        String unified = snapshots.diff(workspace, first.commit(), second.commit(), DiffFormat.UNIFIED);
        String stat = snapshots.diff(workspace, first.commit(), second.commit(), DiffFormat.STAT);

        assertThat(unified).contains("a.txt").contains("-one").contains("+two").doesNotContain("same.txt");
        assertThat(stat).contains("a.txt").doesNotContain("same.txt").doesNotContain("+two");
        assertThat(snapshots.diff(workspace, first.commit(), first.commit(), DiffFormat.UNIFIED))
                .isEmpty();
    }

    @Test
    void a_diff_against_the_workspace_shows_what_changed_since_the_snapshot() {
        write("a.txt", "one\n");
        Snapshot snapshot = capture(null);

        assertThat(snapshots.diff(workspace, snapshot.commit(), null, DiffFormat.UNIFIED))
                .isEmpty();
        write("a.txt", "two\n");
        write("b.txt", "bee\n");

        String diff = snapshots.diff(workspace, snapshot.commit(), null, DiffFormat.UNIFIED);

        assertThat(diff).contains("+two").contains("b.txt").contains("+bee");
    }

    @Test
    void deleting_a_thread_keeps_the_snapshots_of_other_threads() {
        write("a.txt", "one\n");
        Snapshot kept = capture(null);
        write("a.txt", "two\n");
        ThreadId other = ThreadId.next();
        snapshots.capture(workspace, new CaptureRequest(other, CheckpointId.next(), null, "other", AT));

        snapshots.deleteThread(workspace.projectId(), other);
        snapshots.deleteThread(workspace.projectId(), ThreadId.next());
        snapshots.deleteThread(ProjectId.next(), other);

        snapshots.restore(workspace, kept.commit());
        assertThat(files(dir)).containsExactly(Map.entry("a.txt", "one\n"));
    }

    @Test
    void an_empty_workspace_can_be_captured_and_restored() {
        Snapshot empty = capture(null);
        write("a.txt", "a\n");

        snapshots.restore(workspace, empty.commit());

        assertThat(files(dir)).isEmpty();
    }

    @Test
    void a_missing_workspace_directory_is_refused_in_one_sentence() {
        Workspace missing = new Workspace(workspace.projectId(), root.resolve("nowhere"), 1024);

        assertThatThrownBy(() -> capture(missing, null))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("nowhere")
                .hasMessageContaining("does not exist");
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void a_workspace_path_that_is_a_file_is_refused_in_one_sentence() throws IOException {
        Path file = Files.writeString(root.resolve("a-file"), "x");
        Workspace notADirectory = new Workspace(workspace.projectId(), file, 1024);

        assertThatThrownBy(() -> capture(notADirectory, null))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("a-file")
                .hasMessageContaining("not a directory");
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void an_unknown_commit_is_not_found() {
        write("a.txt", "a\n");
        capture(null);
        CommitId unknown = new CommitId("0123456789abcdef0123456789abcdef01234567");

        assertThatThrownBy(() -> snapshots.restore(workspace, unknown)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> snapshots.diff(workspace, unknown, null, DiffFormat.UNIFIED))
                .isInstanceOf(NotFound.class);
        assertThat(files(dir)).containsExactly(Map.entry("a.txt", "a\n"));
    }

    @Test
    void captures_of_one_project_from_several_threads_all_succeed() throws Exception {
        write("a.txt", "a\n");
        List<Callable<Snapshot>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(() -> capture(null));
        }

        List<Snapshot> taken = runAll(tasks);

        assertThat(taken).hasSize(6).extracting(Snapshot::ref).doesNotHaveDuplicates();
        write("a.txt", "changed\n");
        snapshots.restore(workspace, taken.get(5).commit());
        assertThat(files(dir)).containsExactly(Map.entry("a.txt", "a\n"));
    }

    @Test
    void captures_of_different_projects_run_side_by_side() throws Exception {
        List<Workspace> workspaces = new ArrayList<>();
        List<Callable<Snapshot>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path other = Files.createDirectory(root.resolve("project-" + i));
            write(other, "file.txt", "project " + i + "\n");
            Workspace w = new Workspace(ProjectId.next(), other, 1024);
            workspaces.add(w);
            tasks.add(() -> capture(w, null));
        }

        List<Snapshot> taken = runAll(tasks);

        for (int i = 0; i < 4; i++) {
            write(workspaces.get(i).directory(), "file.txt", "changed\n");
            snapshots.restore(workspaces.get(i), taken.get(i).commit());
            assertThat(files(workspaces.get(i).directory()))
                    .containsExactly(Map.entry("file.txt", "project " + i + "\n"));
        }
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    protected void deleteFile(String path) {
        try {
            Files.delete(dir.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected void rename(String from, String to) {
        try {
            Files.move(dir.resolve(from), dir.resolve(to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
