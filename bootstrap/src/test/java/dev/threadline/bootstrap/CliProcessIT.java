package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built jar as a separate process, as a user or a script would. */
class CliProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of(System.getProperty("threadline.jar", "target/threadline.jar"));

    @TempDir
    Path temp;

    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private static List<String> javaCommand(Path dataDir, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                JAR.toAbsolutePath().toString(),
                "--data-dir",
                dataDir.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Run runWithInput(Path dataDir, String stdin, String... args) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(javaCommand(dataDir, args))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("THREADLINE_HOME", temp.resolve("never-used").toString());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("the process ended")
                .isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run run(Path dataDir, String... args) throws Exception {
        return runWithInput(dataDir, "", args);
    }

    @Test
    void demo_on_a_fresh_data_directory_prints_the_transcript_and_the_tail_of_the_log() throws Exception {
        Run demo = run(temp.resolve("store"), "demo");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out())
                .contains("Turn 1 [completed]", "Turn 2 [reverted]", "refs/threadline/")
                .contains("tests/login.test.js is back on disk, with the fix.")
                .contains("CheckpointRestored", "MessageDeltaAppended");
        assertThat(Files.exists(temp.resolve("store/threadline.db"))).isTrue();
    }

    @Test
    void a_session_built_command_by_command_shows_up_in_the_transcript() throws Exception {
        Path store = temp.resolve("store");
        String project = run(store, "--json", "project", "create", "--name", "Shop", "--path", "/src/shop")
                .json()
                .get("projectId")
                .asText();
        String thread = run(store, "thread", "create", "--project", project, "--title", "Checkout bug")
                .out()
                .strip();
        Run turn = run(store, "--json", "turn", "start", "--thread", thread, "--prompt", "Why does checkout fail?");
        Run streamed = runWithInput(
                store, "The cart total is null\nwhen the coupon expires.", "message", "stream", "--thread", thread);
        Run completed = run(store, "turn", "complete", "--thread", thread);
        Run show = run(store, "thread", "show", thread);

        assertThat(turn.json().get("turnId").asText()).isNotBlank();
        assertThat(turn.json().get("messageId").asText()).isNotBlank();
        assertThat(streamed.exitCode()).as(streamed.err()).isZero();
        assertThat(streamed.out().strip()).matches("[0-9a-f-]{36}");
        assertThat(completed.exitCode()).isZero();
        assertThat(show.out())
                .contains("Thread " + thread + ": Checkout bug", "model default")
                .contains("Turn 1 [completed]", "user:", "Why does checkout fail?")
                .contains("assistant:", "The cart total is null", "when the coupon expires.");
    }

    @Test
    void export_then_import_into_another_store_reproduces_the_log_and_a_second_import_adds_nothing() throws Exception {
        Path source = temp.resolve("source");
        Path target = temp.resolve("target");
        assertThat(run(source, "demo").exitCode()).isZero();
        assertThat(run(source, "settings", "set", "ui.theme", "dark").exitCode())
                .isZero();
        Path export = temp.resolve("export.jsonl");
        assertThat(run(source, "export", "--out", export.toString()).exitCode()).isZero();

        Run first = run(target, "--json", "import", export.toString());
        Run second = run(target, "--json", "import", export.toString());
        Run copy = run(target, "export");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.json().get("skipped").asLong()).isZero();
        assertThat(second.json().get("imported").asLong()).isZero();
        assertThat(copy.lines().stream().map(CliProcessIT::withoutStoreFields))
                .containsExactlyElementsOf(Files.readAllLines(export).stream()
                        .map(CliProcessIT::withoutStoreFields)
                        .toList());
        assertThat(run(target, "projections", "verify").exitCode()).isZero();
        assertThat(run(target, "settings", "get", "ui.theme").out().strip()).isEqualTo("dark");
    }

    private static String withoutStoreFields(String line) {
        try {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
            node.remove("sequence");
            node.remove("recordedAt");
            return node.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_malformed_import_line_exits_2_naming_the_line_and_stores_nothing_of_its_batch() throws Exception {
        Path source = temp.resolve("source");
        Path target = temp.resolve("target");
        assertThat(run(source, "demo").exitCode()).isZero();
        List<String> lines = new ArrayList<>(run(source, "export").lines());
        lines.set(2, "{\"eventId\": 12");
        Path broken = temp.resolve("broken.jsonl");
        Files.write(broken, lines);

        Run imported = run(target, "import", broken.toString());

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains("line 3");
        assertThat(run(target, "--json", "info").json().get("lastSequence").asLong())
                .isZero();
    }

    @Test
    void the_jar_names_the_build_it_comes_from() throws Exception {
        Run version = run(temp.resolve("store"), "--version");
        JsonNode info = run(temp.resolve("store"), "--json", "info").json();

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("threadline " + System.getProperty("threadline.version") + " (commit ");
        assertThat(info.get("version").asText()).isEqualTo(System.getProperty("threadline.version"));
        assertThat(info.get("commit").asText()).matches("[0-9a-f]{7,40}(-dirty)?|unknown");
        assertThat(info.get("builtAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void exit_codes_separate_success_refusal_usage_and_storage_problems() throws Exception {
        Path store = temp.resolve("store");
        Path notADatabase = temp.resolve("text");
        Files.createDirectories(notADatabase);
        Files.writeString(notADatabase.resolve("threadline.db"), "just some text\n");

        Run ok = run(store, "init");
        Run missing = run(store, "thread", "show", "01a20c5f-dd85-7242-87d5-d36f2cc2faa0");
        Run unknownCommand = run(store, "frobnicate");
        Run malformedId = run(store, "thread", "show", "not-an-id");
        Run corrupt = run(notADatabase, "info");

        assertThat(ok.exitCode()).isZero();
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err())
                .contains("01a20c5f-dd85-7242-87d5-d36f2cc2faa0")
                .doesNotContain("\tat ");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        assertThat(unknownCommand.err()).contains("frobnicate");
        assertThat(malformedId.exitCode()).isEqualTo(2);
        assertThat(malformedId.err()).contains("not-an-id");
        assertThat(corrupt.exitCode()).isEqualTo(3);
        assertThat(corrupt.err().lines()).hasSize(1);
        assertThat(Files.readString(notADatabase.resolve("threadline.db"))).isEqualTo("just some text\n");
    }

    @Test
    void json_output_parses_for_lists_info_and_event_lines() throws Exception {
        Path store = temp.resolve("store");
        assertThat(run(store, "demo").exitCode()).isZero();

        JsonNode projects = run(store, "--json", "project", "list").json();
        JsonNode info = run(store, "--json", "info").json();
        List<String> events =
                run(store, "--json", "events", "--type", "TurnStarted").lines();

        assertThat(projects.get("projects")).hasSize(1);
        assertThat(info.get("lastSequence").asLong())
                .isEqualTo(16); // the demo: 15 events of its session, then the fork
        assertThat(events).hasSize(2);
        JsonNode first = JSON.readTree(events.get(0));
        assertThat(first.get("type").asText()).isEqualTo("TurnStarted");
        assertThat(first.get("payload").has("type")).isFalse();
        assertThat(first.get("payload").get("turnId").asText()).isNotBlank();
        assertThat(first.has("commandId")).isTrue();
        assertThat(first.get("commandId").isNull()).isTrue();
    }

    @Test
    void events_follow_prints_an_event_committed_by_another_process() throws Exception {
        Path store = temp.resolve("store");
        assertThat(run(store, "init").exitCode()).isZero();
        Process follower = new ProcessBuilder(javaCommand(store, "--json", "events", "--follow"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(follower.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader failed: " + e);
            }
        });
        reader.start();
        try {
            String seen = null;
            for (int attempt = 0; attempt < 60 && seen == null; attempt++) {
                assertThat(run(store, "settings", "set", "follow.attempt", Integer.toString(attempt))
                                .exitCode())
                        .isZero();
                seen = lines.poll(2, TimeUnit.SECONDS);
            }
            assertThat(seen).isNotNull();
            assertThat(JSON.readTree(seen).get("type").asText()).isEqualTo("SettingChanged");
        } finally {
            follower.destroy();
            follower.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
