package dev.threadline.bootstrap.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.bootstrap.CliHarness;
import dev.threadline.bootstrap.CliHarness.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code checkpoint capture | diff | restore} and {@code turn complete} on the command line, with real git. */
class CheckpointCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @TempDir
    Path workspace;

    private Run cli(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliHarness.run(all);
    }

    private JsonNode json(String... args) throws Exception {
        Run run = cli(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private String threadIn(Path path) throws Exception {
        String project = json("--json", "project", "create", "--name", "p", "--path", path.toString())
                .get("projectId")
                .asText();
        return json("--json", "thread", "create", "--project", project, "--title", "t")
                .get("threadId")
                .asText();
    }

    @Test
    void turns_capture_diff_shows_and_restore_puts_files_back() throws Exception {
        String thread = threadIn(workspace);
        Path file = workspace.resolve("notes.txt");
        json("--json", "turn", "start", "--thread", thread, "--prompt", "one");
        Files.writeString(file, "one\n", StandardCharsets.UTF_8);
        JsonNode first = json("--json", "turn", "complete", "--thread", thread);
        String checkpoint = first.get("checkpointId").asText();
        assertThat(first.get("commit").asText()).matches("[0-9a-f]{40,64}");

        json("--json", "turn", "start", "--thread", thread, "--prompt", "two");
        Files.writeString(file, "two\n", StandardCharsets.UTF_8);
        json("--json", "turn", "complete", "--thread", thread);

        Run diff = cli("checkpoint", "diff", checkpoint, "--workspace");
        assertThat(diff.exitCode()).isZero();
        assertThat(diff.out()).contains("-one").contains("+two");
        Run stat = cli("checkpoint", "diff", checkpoint, "--stat");
        assertThat(stat.out()).contains("notes.txt");

        Run dryRun = cli("checkpoint", "restore", "--thread", thread, checkpoint, "--dry-run");
        assertThat(dryRun.out()).contains("M notes.txt").contains("Dry run");
        assertThat(Files.readString(file)).isEqualTo("two\n");

        JsonNode restored = json("--json", "checkpoint", "restore", "--thread", thread, checkpoint);
        assertThat(restored.get("modified").get(0).asText()).isEqualTo("notes.txt");
        assertThat(restored.has("lastSequence")).isTrue();
        assertThat(Files.readString(file)).isEqualTo("one\n");

        JsonNode list = json("--json", "checkpoint", "list", "--thread", thread);
        assertThat(list.get("checkpoints")).hasSize(2);
        assertThat(list.get("checkpoints").get(0).get("commit").asText()).isNotEmpty();
    }

    @Test
    void uncaptured_changes_refuse_a_restore_with_exit_1_and_force_restores() throws Exception {
        String thread = threadIn(workspace);
        json("--json", "turn", "start", "--thread", thread);
        Files.writeString(workspace.resolve("a.txt"), "one\n");
        String checkpoint = json("--json", "turn", "complete", "--thread", thread)
                .get("checkpointId")
                .asText();
        Files.writeString(workspace.resolve("a.txt"), "by hand\n");

        Run refused = cli("checkpoint", "restore", "--thread", thread, checkpoint);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("holds changes that no checkpoint").doesNotContain("\tat ");
        assertThat(Files.readString(workspace.resolve("a.txt"))).isEqualTo("by hand\n");

        Run forced = cli("checkpoint", "restore", "--thread", thread, checkpoint, "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("Captured the uncaptured changes first");
        assertThat(Files.readString(workspace.resolve("a.txt"))).isEqualTo("one\n");
    }

    @Test
    void capture_prints_the_new_id_and_last_sequence_and_a_retry_repeats_it() throws Exception {
        String thread = threadIn(workspace);
        cli("turn", "start", "--thread", thread);
        cli("settings", "set", "checkpoints.auto", "off");
        cli("turn", "complete", "--thread", thread);
        Files.writeString(workspace.resolve("a.txt"), "x\n");

        JsonNode once = json("--json", "checkpoint", "capture", "--thread", thread, "--command-id", "c1");
        JsonNode twice = json("--json", "checkpoint", "capture", "--thread", thread, "--command-id", "c1");

        assertThat(once.get("checkpointId").asText()).isNotEmpty();
        assertThat(once.get("lastSequence").asLong()).isPositive();
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void a_retried_turn_complete_prints_its_first_result_with_the_checkpoint_it_captured() throws Exception {
        String thread = threadIn(workspace);
        json("--json", "turn", "start", "--thread", thread);
        Files.writeString(workspace.resolve("a.txt"), "one\n");

        JsonNode once = json("--json", "turn", "complete", "--thread", thread, "--command-id", "done-1");
        long events = cli("--json", "events").out().lines().count();
        JsonNode twice = json("--json", "turn", "complete", "--thread", thread, "--command-id", "done-1");

        assertThat(once.get("checkpointId").asText()).isNotEmpty();
        assertThat(twice).isEqualTo(once);
        assertThat(cli("--json", "events").out().lines().count()).isEqualTo(events);
        assertThat(json("--json", "checkpoint", "list", "--thread", thread).get("checkpoints"))
                .hasSize(1);
    }

    @Test
    void a_command_id_used_for_one_restore_or_capture_is_refused_for_another_checkpoint_or_thread() throws Exception {
        String thread = threadIn(workspace);
        json("--json", "turn", "start", "--thread", thread);
        Files.writeString(workspace.resolve("a.txt"), "one\n");
        String first = json("--json", "turn", "complete", "--thread", thread)
                .get("checkpointId")
                .asText();
        json("--json", "turn", "start", "--thread", thread);
        Files.writeString(workspace.resolve("a.txt"), "two\n");
        String second = json("--json", "turn", "complete", "--thread", thread)
                .get("checkpointId")
                .asText();
        Path elsewhere = Files.createDirectories(dir.resolve("other-workspace"));
        String other = threadIn(elsewhere);
        json("--json", "turn", "start", "--thread", other);
        json("--json", "turn", "complete", "--thread", other);

        json("--json", "checkpoint", "restore", "--thread", thread, first, "--command-id", "r-1");
        Run again = cli("--json", "checkpoint", "restore", "--thread", thread, first, "--command-id", "r-1");
        Run another = cli("--json", "checkpoint", "restore", "--thread", thread, second, "--command-id", "r-1");
        json("--json", "checkpoint", "capture", "--thread", thread, "--command-id", "c-1");
        Run capturedElsewhere = cli("--json", "checkpoint", "capture", "--thread", other, "--command-id", "c-1");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(JSON.readTree(again.out()).get("checkpointId").asText()).isEqualTo(first);
        assertThat(another.exitCode()).isEqualTo(1);
        assertThat(another.err().strip())
                .contains("command id 'r-1' was already used")
                .doesNotContain("\n");
        assertThat(another.out()).isEmpty();
        assertThat(capturedElsewhere.exitCode()).isEqualTo(1);
        assertThat(capturedElsewhere.err()).contains("command id 'c-1' was already used");
        assertThat(Files.readString(workspace.resolve("a.txt"))).isEqualTo("one\n");
    }

    @Test
    void a_project_path_that_is_missing_or_a_file_fails_capture_in_one_sentence_and_writes_nothing() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        for (Path path : new Path[] {dir.resolve("missing"), file}) {
            String thread = threadIn(path);
            cli("turn", "start", "--thread", thread);
            Run completed = cli("turn", "complete", "--thread", thread);
            assertThat(completed.exitCode()).isZero();
            long before = cli("--json", "events").out().lines().count();

            Run capture = cli("checkpoint", "capture", "--thread", thread);

            assertThat(capture.exitCode()).isEqualTo(2);
            assertThat(capture.err().strip().lines()).hasSize(1);
            assertThat(cli("--json", "events").out().lines().count()).isEqualTo(before);
        }
    }
}
