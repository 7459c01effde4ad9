package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} through the command line: command ids, and what an export after a quarantine holds. */
class ImportCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private CliHarness.Run runIn(String store, String... args) {
        return runWithInput(store, "", args);
    }

    private CliHarness.Run runWithInput(String store, String stdin, String... args) {
        List<String> all =
                new ArrayList<>(List.of("--data-dir", temp.resolve(store).toString()));
        all.addAll(List.of(args));
        return CliHarness.run(Map.of(), stdin, all.toArray(String[]::new));
    }

    private long lastSequence(String store) throws IOException {
        return JSON.readTree(runIn(store, "--json", "info").out())
                .get("lastSequence")
                .asLong();
    }

    /** An export of a store holding a project and a thread with a turn. */
    private Path export(String store, String name) {
        String project = runIn(store, "project", "create", "--name", "Shop", "--path", "/src/" + name)
                .out()
                .strip();
        String thread = runIn(store, "thread", "create", "--project", project, "--title", "Fix login")
                .out()
                .strip();
        runIn(store, "turn", "start", "--thread", thread, "--prompt", "Why?");
        runIn(store, "turn", "complete", "--thread", thread);
        Path file = temp.resolve(name + ".jsonl");
        assertThat(runIn(store, "export", "--out", file.toString()).exitCode()).isZero();
        return file;
    }

    @Test
    void an_import_repeated_under_its_command_id_prints_the_first_result_and_writes_nothing() throws IOException {
        Path export = export("source", "shop");
        Path other = export("elsewhere", "cart");
        runIn("target", "settings", "set", "a.b", "c");

        CliHarness.Run first = runIn("target", "--json", "import", export.toString(), "--command-id", "import-1");
        runIn("target", "settings", "set", "a.b", "d");
        long last = lastSequence("target");
        CliHarness.Run again = runIn("target", "--json", "import", export.toString(), "--command-id", "import-1");
        CliHarness.Run piped =
                runWithInput("target", Files.readString(export), "--json", "import", "-", "--command-id", "import-1");
        CliHarness.Run text = runIn("target", "import", export.toString(), "--command-id", "import-1");
        CliHarness.Run otherInput = runIn("target", "import", other.toString(), "--command-id", "import-1");
        CliHarness.Run otherCommand = runIn("target", "settings", "set", "x.y", "z", "--command-id", "import-1");
        CliHarness.Run blank = runIn("target", "import", other.toString(), "--command-id", " ");

        assertThat(first.exitCode()).as(first.err()).isZero();
        long exported = Files.readAllLines(export).size();
        assertThat(JSON.readTree(first.out()).get("imported").asLong()).isEqualTo(exported);
        assertThat(JSON.readTree(first.out()).get("lastSequence").asLong()).isEqualTo(1 + exported);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(piped.exitCode()).as(piped.err()).isZero();
        assertThat(piped.out()).isEqualTo(first.out());
        assertThat(text.out())
                .isEqualTo("Imported " + exported + " event(s), skipped 0 already stored; the log ends at sequence "
                        + (1 + exported) + ".\n");
        assertThat(otherInput.exitCode()).isEqualTo(1);
        assertThat(otherInput.err().strip())
                .isEqualTo("threadline: command id 'import-1' was already used for ImportEvents with other arguments.");
        assertThat(otherCommand.exitCode()).isEqualTo(1);
        assertThat(otherCommand.err()).contains("import-1");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("--command-id must not be blank");
        assertThat(lastSequence("target")).isEqualTo(last);
    }

    @Test
    void an_import_whose_lines_are_out_of_order_exits_2_naming_both_lines_and_imports_nothing() throws IOException {
        List<String> lines = Files.readAllLines(export("source", "shop"));
        List<String> swapped = new ArrayList<>(lines);
        swapped.set(3, lines.get(4));
        swapped.set(4, lines.get(3));
        long fourth = JSON.readTree(lines.get(3)).get("sequence").asLong();
        long fifth = JSON.readTree(lines.get(4)).get("sequence").asLong();
        List<String> backwards = new ArrayList<>(lines);
        backwards.set(4, lines.get(4).replaceFirst("\"streamVersion\":\\d+", "\"streamVersion\":0"));

        CliHarness.Run bySequence = runWithInput("target", String.join("\n", swapped) + "\n", "import", "-");
        CliHarness.Run byVersion = runWithInput("other", String.join("\n", backwards) + "\n", "import", "-");

        assertThat(bySequence.exitCode()).isEqualTo(2);
        assertThat(bySequence.err().strip())
                .isEqualTo("threadline: line 5 has sequence " + fourth + ", not after line 4's " + fifth + ".");
        assertThat(byVersion.exitCode()).isEqualTo(2);
        assertThat(byVersion.err().strip()).startsWith("threadline: line 5 ").contains("not after line ");
        assertThat(byVersion.err().lines()).hasSize(1);
        assertThat(lastSequence("target")).isZero();
        assertThat(lastSequence("other")).isZero();
    }

    /** Makes the payload of a thread's first event holding this text undecodable behind the store's back. */
    private long damage(String store, String thread, String text) throws Exception {
        try (Connection db = DriverManager.getConnection(
                        "jdbc:sqlite:" + temp.resolve(store).resolve("threadline.db"));
                PreparedStatement update = db.prepareStatement("UPDATE events SET payload = '{broken' WHERE"
                        + " sequence = (SELECT min(sequence) FROM events WHERE stream_id = ? AND payload LIKE ?)"
                        + " RETURNING sequence")) {
            update.setString(1, thread);
            update.setString(2, "%" + text + "%");
            try (ResultSet result = update.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getLong(1);
            }
        }
    }

    /** The stream versions of a stream's events. */
    private List<Long> versions(String store, String stream) throws IOException {
        List<Long> versions = new ArrayList<>();
        for (String line : runIn(store, "--json", "events", "--stream", stream)
                .out()
                .lines()
                .toList()) {
            versions.add(JSON.readTree(line).get("streamVersion").asLong());
        }
        return versions;
    }

    @Test
    void an_export_after_a_quarantine_in_the_middle_of_a_stream_imports_into_a_fresh_store() throws Exception {
        String project = runIn("source", "project", "create", "--name", "Shop", "--path", "/src/shop")
                .out()
                .strip();
        String thread = runIn("source", "thread", "create", "--project", project, "--title", "Fix login")
                .out()
                .strip();
        runIn("source", "turn", "start", "--thread", thread, "--prompt", "Why?");
        runIn("source", "message", "add", "--thread", thread, "--role", "assistant", "--text", "The cookie.");
        runIn("source", "turn", "complete", "--thread", thread);
        runIn("source", "thread", "rename", thread, "--title", "Fixed login");
        damage("source", thread, "The cookie.");

        CliHarness.Run quarantine = runIn("source", "doctor", "--quarantine");
        Path export = temp.resolve("after-quarantine.jsonl");
        CliHarness.Run exported = runIn("source", "export", "--out", export.toString());
        CliHarness.Run imported = runIn("copy", "import", export.toString());
        CliHarness.Run again = runIn("copy", "--json", "import", export.toString());

        assertThat(quarantine.exitCode()).as(quarantine.err()).isZero();
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(JSON.readTree(again.out()).get("imported").asLong()).isZero();
        for (String store : List.of("source", "copy")) {
            CliHarness.Run doctor = runIn(store, "doctor");
            assertThat(doctor.exitCode())
                    .as(store + ": " + doctor.out() + doctor.err())
                    .isZero();
            CliHarness.Run verify = runIn(store, "projections", "verify");
            assertThat(verify.exitCode())
                    .as(store + ": " + verify.out() + verify.err())
                    .isZero();
            CliHarness.Run show = runIn(store, "thread", "show", thread);
            assertThat(show.exitCode()).as(show.err()).isZero();
            assertThat(show.out()).as(store).contains("Fixed login").doesNotContain("The cookie.");
        }
        assertThat(versions("copy", thread))
                .isEqualTo(versions("source", thread))
                .doesNotContain(3L);
    }
}
