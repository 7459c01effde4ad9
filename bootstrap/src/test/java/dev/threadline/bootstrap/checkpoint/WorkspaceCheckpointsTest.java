package dev.threadline.bootstrap.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.checkpoint.CapturedCheckpoint;
import dev.threadline.application.checkpoint.RestoreOptions;
import dev.threadline.application.checkpoint.RestoredCheckpoint;
import dev.threadline.application.checkpoint.TurnCompletion;
import dev.threadline.application.command.CreateCheckpoint;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.SetSetting;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.workspace.DiffFormat;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints through the facade on a real store and real git: files on disk change back. */
class WorkspaceCheckpointsTest {

    @TempDir
    Path dir;

    @TempDir
    Path workspace;

    private Threadline store;
    private ThreadId thread;

    @BeforeEach
    void open() {
        store = Threadline.open(dir.resolve("data"));
        ProjectId project =
                store.execute(new CreateProject("demo", workspace.toString())).projectId();
        thread = store.execute(new CreateThread(project, "Fix it", "model-x")).threadId();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void write(String path, String text) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private String read(String path) throws IOException {
        return Files.readString(workspace.resolve(path), StandardCharsets.UTF_8);
    }

    /** Runs a turn that writes a file, completes it, and returns the checkpoint captured after it. */
    private CheckpointId turnWriting(String path, String text) throws IOException {
        store.execute(new StartTurn(thread, "change " + path));
        write(path, text);
        TurnCompletion completion = store.completeTurn(thread, null);
        assertThat(completion.failure()).isEmpty();
        return completion.captured().orElseThrow().checkpointId();
    }

    private static String git(Path directory, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void completing_a_turn_captures_the_workspace_and_records_the_commit() throws Exception {
        CheckpointId first = turnWriting("a.txt", "one\n");

        CheckpointView checkpoint = store.queries().checkpoint(first);
        assertThat(checkpoint.commit()).matches("[0-9a-f]{40}|[0-9a-f]{64}");
        assertThat(checkpoint.gitRef()).isEqualTo("refs/threadline/" + thread + "/" + first);
    }

    @Test
    void restore_puts_modified_created_and_deleted_files_back() throws Exception {
        CheckpointId first = turnWriting("a.txt", "one\n");
        store.execute(new StartTurn(thread, "more"));
        write("a.txt", "two\n");
        write("b/c.txt", "created\n");
        store.completeTurn(thread, null);

        CheckpointId second = store.queries().checkpoints(thread).get(1).id();
        assertThat(store.diffCheckpoints(second, null, DiffFormat.STAT)).isEmpty();
        String diff = store.diffCheckpoints(first, second, DiffFormat.UNIFIED);
        assertThat(diff).contains("-one").contains("+two").contains("b/c.txt");

        RestoredCheckpoint restored = store.restoreCheckpoint(thread, first, RestoreOptions.defaults(), null);

        assertThat(read("a.txt")).isEqualTo("one\n");
        assertThat(workspace.resolve("b/c.txt")).doesNotExist();
        assertThat(restored.files().orElseThrow().modified()).containsExactly("a.txt");
        assertThat(store.queries().transcript(thread).turns().get(1).turn().status())
                .isEqualTo(TurnStatus.REVERTED);
    }

    @Test
    void a_dry_run_tells_the_plan_and_changes_nothing() throws Exception {
        CheckpointId first = turnWriting("a.txt", "one\n");
        turnWriting("a.txt", "two\n");
        long before = store.events().lastSequence();

        RestoredCheckpoint plan = store.restoreCheckpoint(thread, first, new RestoreOptions(true, false, false), null);

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.files().orElseThrow().modified()).containsExactly("a.txt");
        assertThat(read("a.txt")).isEqualTo("two\n");
        assertThat(store.events().lastSequence()).isEqualTo(before);
    }

    @Test
    void uncaptured_changes_refuse_the_restore_and_force_captures_them_first() throws Exception {
        CheckpointId first = turnWriting("a.txt", "one\n");
        write("a.txt", "edited by hand\n");
        long before = store.events().lastSequence();

        assertThatThrownBy(() -> store.restoreCheckpoint(thread, first, RestoreOptions.defaults(), null))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("workspace-has-changes"));
        assertThat(read("a.txt")).isEqualTo("edited by hand\n");
        assertThat(store.events().lastSequence()).isEqualTo(before);

        RestoredCheckpoint forced =
                store.restoreCheckpoint(thread, first, new RestoreOptions(false, true, false), null);

        assertThat(read("a.txt")).isEqualTo("one\n");
        CapturedCheckpoint safety = forced.safetyCheckpoint();
        assertThat(safety).isNotNull();
        assertThat(store.diffCheckpoints(first, safety.checkpointId(), DiffFormat.UNIFIED))
                .contains("+edited by hand");
    }

    @Test
    void history_only_and_a_hand_recorded_ref_touch_no_file() throws Exception {
        CheckpointId first = turnWriting("a.txt", "one\n");
        TurnId turn = store.queries().checkpoint(first).turnId();
        CheckpointId byHand = store.execute(new CreateCheckpoint(thread, turn, "refs/heads/elsewhere", "by hand"))
                .checkpointId();
        write("a.txt", "changed\n");

        RestoredCheckpoint historyOnly =
                store.restoreCheckpoint(thread, first, new RestoreOptions(false, false, true), null);
        RestoredCheckpoint handMade = store.restoreCheckpoint(thread, byHand, RestoreOptions.defaults(), null);

        assertThat(historyOnly.files()).isEmpty();
        assertThat(handMade.files()).isEmpty();
        assertThat(read("a.txt")).isEqualTo("changed\n");
        assertThat(store.queries().checkpoint(first).restoredAt()).isNotNull();
    }

    @Test
    void the_users_own_repository_is_untouched_by_captures_and_restores() throws Exception {
        git(workspace, "init", "-q");
        git(
                workspace,
                "-c",
                "user.name=u",
                "-c",
                "user.email=u@example.com",
                "commit",
                "-q",
                "--allow-empty",
                "-m",
                "root");
        write("a.txt", "tracked\n");
        git(workspace, "add", "a.txt");
        assertThat(git(workspace, "status", "--porcelain")).contains("a.txt");
        byte[] index = Files.readAllBytes(workspace.resolve(".git/index"));
        String head = git(workspace, "rev-parse", "HEAD");
        String refs = git(workspace, "for-each-ref");

        CheckpointId first = turnWriting("a.txt", "one\n");
        turnWriting("a.txt", "two\n");
        store.restoreCheckpoint(thread, first, RestoreOptions.defaults(), null);

        assertThat(read("a.txt")).isEqualTo("one\n");
        assertThat(Files.readAllBytes(workspace.resolve(".git/index"))).isEqualTo(index);
        assertThat(git(workspace, "rev-parse", "HEAD")).isEqualTo(head);
        assertThat(git(workspace, "for-each-ref")).isEqualTo(refs);
        assertThat(git(workspace, "stash", "list")).isEmpty();
    }

    @Test
    void a_failed_automatic_capture_leaves_the_turn_complete() throws Exception {
        store.execute(new SetSetting("checkpoints.max-file-bytes", "lots"));
        store.execute(new StartTurn(thread, "go"));

        TurnCompletion completion = store.completeTurn(thread, null);

        assertThat(completion.failure()).get().isInstanceOf(InvalidInput.class);
        assertThat(store.queries().thread(thread).runningTurn()).isNull();
        assertThat(store.queries().checkpoints(thread)).isEmpty();
    }

    @Test
    void automatic_capture_is_off_when_the_setting_says_so() throws Exception {
        store.execute(new SetSetting("checkpoints.auto", "off"));
        store.execute(new StartTurn(thread, "go"));

        TurnCompletion completion = store.completeTurn(thread, null);

        assertThat(completion.captured()).isEmpty();
        assertThat(completion.failure()).isEmpty();
    }

    @Test
    void a_capture_retried_under_its_command_id_captures_nothing_more() throws Exception {
        store.execute(new SetSetting("checkpoints.auto", "off"));
        store.execute(new StartTurn(thread, "go"));
        store.completeTurn(thread, null);
        write("a.txt", "x\n");

        CapturedCheckpoint once = store.captureCheckpoint(thread, null, "manual", "cap-1");
        CapturedCheckpoint twice = store.captureCheckpoint(thread, null, "manual", "cap-1");

        assertThat(twice.checkpointId()).isEqualTo(once.checkpointId());
        assertThat(twice.commit()).isEqualTo(once.commit());
        assertThat(store.queries().checkpoints(thread)).hasSize(1);
    }

    @Test
    void capturing_a_project_whose_directory_is_missing_says_so_and_records_nothing() throws Exception {
        ProjectId gone = store.execute(
                        new CreateProject("gone", dir.resolve("nowhere").toString()))
                .projectId();
        ThreadId other = store.execute(new CreateThread(gone, "t", "m")).threadId();
        store.execute(new StartTurn(other, "go"));
        store.completeTurn(other, null);

        assertThatThrownBy(() -> store.captureCheckpoint(other, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThat(store.queries().checkpoints(other)).isEmpty();
    }
}
