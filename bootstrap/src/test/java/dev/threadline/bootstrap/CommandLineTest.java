package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.cli.ThreadlineCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in process, on a real store in a temporary directory. */
class CommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }

        String id() {
            return out.strip();
        }
    }

    private Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        int code = ThreadlineCli.run(
                ThreadlineSession.ACCESS,
                ThreadlineBench.RUNNER,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... args) {
        return runWithInput("", args);
    }

    private String project(String path) {
        return run("project", "create", "--name", "Shop", "--path", path).id();
    }

    /** The number in the heading of demo's tail of the log, and the rows listed under it. */
    private static void assertTailHeadingCountsItsRows(String out, String headingStart) {
        List<String> lines = out.lines().toList();
        int heading = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(headingStart) && lines.get(i).endsWith(" events of the log:")) {
                heading = i;
            }
        }
        assertThat(heading).as(out).isNotNegative();
        int said = Integer.parseInt(
                lines.get(heading).substring(headingStart.length()).replace(" events of the log:", ""));
        int rows = 0;
        for (int i = heading + 2; i < lines.size() && !lines.get(i).isBlank(); i++) {
            rows++;
        }
        assertThat(lines.get(heading + 1)).startsWith("SEQ");
        assertThat(rows).as(out).isEqualTo(said);
    }

    @Test
    void demo_lists_as_many_events_as_its_heading_says() {
        Run fresh = run("demo");
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        // A fresh demo writes more events than the tail lists once it records forks and checkpoints.
        assertTailHeadingCountsItsRows(fresh.out(), fresh.out().contains("The last ") ? "The last " : "The ");

        Run again = run("demo");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertTailHeadingCountsItsRows(again.out(), "The last ");
        assertThat(again.out()).contains("The last 15 events of the log:");
    }

    @Test
    void info_names_the_build_beside_the_store() throws IOException {
        JsonNode info = run("--json", "info").json();

        assertThat(info.get("version").asText()).isEqualTo(System.getProperty("threadline.version"));
        assertThat(info.get("commit").asText()).matches("[0-9a-f]{7,40}(-dirty)?|unknown");
        assertThat(info.get("builtAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(run("info").out()).contains("version", "commit", "built at");
    }

    @Test
    void repeating_a_command_id_prints_the_first_result_and_writes_nothing() throws IOException {
        Run first = run("--json", "project", "create", "--name", "Shop", "--path", "/src/shop", "--command-id", "c-1");
        Run again = run("--json", "project", "create", "--name", "Shop", "--path", "/src/shop", "--command-id", "c-1");

        assertThat(again.exitCode()).isZero();
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(run("--json", "info").json().get("lastSequence").asLong()).isEqualTo(1);
    }

    @Test
    void deleting_a_project_with_live_threads_is_refused_without_force() {
        String project = project("/src/shop");
        run("thread", "create", "--project", project, "--title", "One");

        Run refused = run("project", "delete", project);
        Run forced = run("project", "delete", project, "--force");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("threadline: ").hasLineCount(1);
        assertThat(forced.exitCode()).isZero();
        assertThat(run("project", "list").out()).contains("(none)");
        assertThat(run("project", "list", "--all").out()).contains("deleted");
    }

    @Test
    void thread_listing_hides_archived_threads_unless_asked() {
        String project = project("/src/shop");
        String kept =
                run("thread", "create", "--project", project, "--title", "Kept").id();
        String archived = run("thread", "create", "--project", project, "--title", "Old", "--model", "gpt-x")
                .id();
        assertThat(run("thread", "archive", archived).exitCode()).isZero();

        assertThat(run("thread", "list").out()).contains(kept).doesNotContain(archived);
        assertThat(run("thread", "list", "--project", project, "--archived").out())
                .contains(archived, "archived", "gpt-x");
    }

    @Test
    void a_turn_can_fail_and_the_next_one_be_interrupted() {
        String project = project("/src/shop");
        String thread =
                run("thread", "create", "--project", project, "--title", "T").id();
        run("turn", "start", "--thread", thread);
        run("message", "add", "--thread", thread, "--role", "tool", "--text", "ls: permission denied");
        assertThat(run("turn", "fail", "--thread", thread, "--error", "tool crashed")
                        .exitCode())
                .isZero();
        run("turn", "start", "--thread", thread, "--prompt", "again");
        assertThat(run("turn", "interrupt", "--thread", thread).exitCode()).isZero();

        assertThat(run("thread", "show", thread).out())
                .contains("Turn 1 [failed]", "error: tool crashed", "tool:", "ls: permission denied")
                .contains("Turn 2 [interrupted]");
        assertThat(run("turn", "complete", "--thread", thread).exitCode()).isEqualTo(1);
    }

    @Test
    void checkpoints_are_listed_and_restored() throws IOException {
        String project = project("/src/shop");
        String thread =
                run("thread", "create", "--project", project, "--title", "T").id();
        String turn = run("turn", "start", "--thread", thread, "--prompt", "go").id();
        run("turn", "complete", "--thread", thread);
        String checkpoint = run(
                        "checkpoint",
                        "create",
                        "--thread",
                        thread,
                        "--turn",
                        turn,
                        "--ref",
                        "refs/tl/1",
                        "--message",
                        "first")
                .id();

        Run restore = run("checkpoint", "restore", "--thread", thread, checkpoint);
        JsonNode listed =
                run("--json", "checkpoint", "list", "--thread", thread).json();

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(listed.get("checkpoints").get(0).get("gitRef").asText()).isEqualTo("refs/tl/1");
        assertThat(listed.get("checkpoints").get(0).get("restoredAt").isNull()).isFalse();
        assertThat(run(
                                "checkpoint",
                                "create",
                                "--thread",
                                thread,
                                "--turn",
                                turn,
                                "--ref",
                                "bad..ref",
                                "--message",
                                "x")
                        .exitCode())
                .isEqualTo(1);
    }

    @Test
    void settings_are_set_read_listed_and_unset() {
        assertThat(run("settings", "set", "ui.theme", "dark").exitCode()).isZero();
        assertThat(run("settings", "get", "ui.theme").out()).isEqualTo("dark\n");
        assertThat(run("settings", "list").out()).contains("ui.theme", "dark");
        assertThat(run("settings", "unset", "ui.theme").exitCode()).isZero();
        assertThat(run("settings", "get", "ui.theme").exitCode()).isEqualTo(1);
    }

    @Test
    void a_streamed_message_with_a_command_id_is_not_repeated_on_retry() {
        String project = project("/src/shop");
        String thread =
                run("thread", "create", "--project", project, "--title", "T").id();
        run("turn", "start", "--thread", thread);
        String text = "a long answer ".repeat(1_000);

        Run first = runWithInput(text, "message", "stream", "--thread", thread, "--command-id", "s-1");
        Run retry = runWithInput(text, "message", "stream", "--thread", thread, "--command-id", "s-1");

        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(run("thread", "show", thread).out()).contains("1 message(s)");

        Run other = runWithInput("another answer", "message", "stream", "--thread", thread, "--command-id", "s-1");
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.err())
                .contains("command id 's-1' was already used for a stream of other input")
                .doesNotContain(":delta:");
        assertThat(run("thread", "show", thread).out()).contains("1 message(s)");
    }

    @Test
    void backup_writes_a_checked_copy_and_never_overwrites_a_file() {
        project("/src/shop");
        Path copy = dataDir.resolve("copy.db");

        Run backup = run("backup", copy.toString());
        Run again = run("backup", copy.toString());

        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(Files.exists(copy)).isTrue();
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void backup_into_a_missing_directory_exits_3_and_creates_no_directory() {
        project("/src/shop");
        Path copy = dataDir.resolve("backups/copy.db");

        Run backup = run("backup", copy.toString());

        assertThat(backup.exitCode()).isEqualTo(3);
        assertThat(backup.err())
                .isEqualTo("threadline: cannot write " + copy + ": the directory " + dataDir.resolve("backups")
                        + " does not exist.\n");
        assertThat(dataDir.resolve("backups")).doesNotExist();
    }

    @Test
    void doctor_status_and_verify_report_a_healthy_store() throws IOException {
        project("/src/shop");

        Run doctor = run("--json", "doctor");

        assertThat(doctor.exitCode()).isZero();
        assertThat(doctor.json().get("healthy").asBoolean()).isTrue();
        assertThat(doctor.json().get("schemaVersion").asInt()).isEqualTo(7);
        assertThat(run("projections", "status").out()).contains("LAG");
        assertThat(run("projections", "rebuild").exitCode()).isZero();
        assertThat(run("--json", "projections", "verify").json().get("clean").asBoolean())
                .isTrue();
    }

    @Test
    void events_are_filtered_by_stream_after_and_limit() {
        String first = project("/src/a");
        project("/src/b");
        run("settings", "set", "a.b", "c");

        assertThat(run("--json", "events", "--stream", first).out().lines()).hasSize(1);
        assertThat(run("--json", "events", "--after", "1", "--limit", "1").out())
                .contains("\"sequence\":2")
                .doesNotContain("\"sequence\":3");
        assertThat(run("events", "--type", "Nonsense").exitCode()).isEqualTo(2);
    }

    @Test
    void an_export_file_that_starts_with_a_utf8_byte_order_mark_imports(@TempDir Path other) throws IOException {
        project("/src/shop");
        project("/src/cart");
        Path file = other.resolve("export.jsonl");
        Files.writeString(file, "\uFEFF" + run("export").out(), StandardCharsets.UTF_8);

        CliHarness.Run imported =
                CliHarness.run("--data-dir", other.resolve("store").toString(), "import", file.toString());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out())
                .isEqualTo("Imported 2 event(s), skipped 0 already stored; the log ends at sequence 2.\n");
    }

    @Test
    void a_byte_order_mark_anywhere_but_the_start_of_an_import_is_malformed() {
        project("/src/shop");
        project("/src/cart");
        List<String> lines = run("export").out().lines().toList();

        Run imported = runWithInput(lines.get(0) + "\n\uFEFF" + lines.get(1) + "\n", "import", "-");

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).startsWith("threadline: line 2 is malformed: it is not JSON");
    }
}
