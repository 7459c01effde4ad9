package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thread purge}, the {@code purge} sweep and {@code doctor --quarantine} through the command line. */
class PurgeCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path dataDir() {
        return temp.resolve("data");
    }

    private CliHarness.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir().toString()));
        all.addAll(List.of(args));
        return CliHarness.run(all.toArray(String[]::new));
    }

    private CliHarness.Run runIn(Path data, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(args));
        return CliHarness.run(all.toArray(String[]::new));
    }

    /** A thread with a turn and an answer; returns its id. */
    private String thread() {
        String project = run("project", "create", "--name", "Shop", "--path", "/src/shop-" + System.nanoTime())
                .out()
                .strip();
        String thread = run("thread", "create", "--project", project, "--title", "Fix login")
                .out()
                .strip();
        run("turn", "start", "--thread", thread, "--prompt", "Why?");
        run("message", "add", "--thread", thread, "--role", "assistant", "--text", "The cookie.");
        run("turn", "complete", "--thread", thread);
        return thread;
    }

    private long lastSequence() throws IOException {
        return JSON.readTree(run("--json", "info").out()).get("lastSequence").asLong();
    }

    @Test
    void purging_a_live_thread_is_refused_with_exit_1_naming_the_rule() throws IOException {
        String thread = thread();
        long last = lastSequence();

        CliHarness.Run purge = run("thread", "purge", thread);

        assertThat(purge.exitCode()).isEqualTo(1);
        assertThat(purge.err()).contains("thread-purgeable").contains("is live");
        assertThat(lastSequence()).isEqualTo(last);
    }

    @Test
    void an_archive_in_a_missing_or_unwritable_directory_fails_with_exit_3_and_removes_nothing() throws IOException {
        String thread = thread();
        run("thread", "archive", thread);
        long last = lastSequence();
        Path notADirectory = temp.resolve("plain-file");
        Files.writeString(notADirectory, "x");

        CliHarness.Run missing = run(
                "thread",
                "purge",
                thread,
                "--archive-to",
                temp.resolve("no/such/dir/a.jsonl").toString());
        CliHarness.Run underFile = run(
                "thread",
                "purge",
                thread,
                "--archive-to",
                notADirectory.resolve("a.jsonl").toString());
        // /proc refuses new files even to root, as a read-only directory does.
        CliHarness.Run readOnly = run("thread", "purge", thread, "--archive-to", "/proc/threadline-archive.jsonl");

        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(3);
        assertThat(missing.err()).contains("does not exist");
        assertThat(underFile.exitCode()).as(underFile.err()).isEqualTo(3);
        assertThat(readOnly.exitCode()).as(readOnly.err()).isEqualTo(3);
        assertThat(readOnly.err().strip())
                .startsWith("threadline: cannot write")
                .doesNotContain("\n");
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(run("thread", "show", thread).exitCode()).isZero();
    }

    @Test
    void an_archive_file_that_exists_is_refused_and_never_overwritten() throws IOException {
        String thread = thread();
        run("thread", "delete", thread);
        Path taken = temp.resolve("taken.jsonl");
        Files.writeString(taken, "precious\n");
        long last = lastSequence();

        CliHarness.Run purge = run("thread", "purge", thread, "--archive-to", taken.toString());

        assertThat(purge.exitCode()).isEqualTo(1);
        assertThat(purge.err()).contains("exists already").contains("never overwritten");
        assertThat(Files.readString(taken)).isEqualTo("precious\n");
        assertThat(lastSequence()).isEqualTo(last);
    }

    @Test
    void a_relative_archive_path_is_printed_and_recorded_absolute() throws IOException {
        String jsonThread = thread();
        String textThread = thread();
        run("thread", "archive", jsonThread);
        run("thread", "delete", textThread);
        Path here = Path.of("").toAbsolutePath();
        Path jsonArchive = temp.resolve("json.jsonl");
        Path textArchive = temp.resolve("text.jsonl");
        Path relativeJson = here.relativize(jsonArchive);
        assertThat(relativeJson.isAbsolute()).isFalse();

        JsonNode dry = JSON.readTree(
                run("--json", "thread", "purge", jsonThread, "--dry-run", "--archive-to", relativeJson.toString())
                        .out());
        CliHarness.Run json = run("--json", "thread", "purge", jsonThread, "--archive-to", relativeJson.toString());
        CliHarness.Run text = run(
                "thread",
                "purge",
                textThread,
                "--archive-to",
                here.relativize(textArchive).toString());

        assertThat(dry.get("archive").asText()).isEqualTo(jsonArchive.toString());
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(JSON.readTree(json.out()).get("archive").asText()).isEqualTo(jsonArchive.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("archive " + textArchive + " (sha256 ");
        assertThat(jsonArchive).exists();
        assertThat(textArchive).exists();
        List<String> recorded = new ArrayList<>();
        for (String line :
                run("--json", "events", "--type", "ThreadPurged").out().lines().toList()) {
            recorded.add(JSON.readTree(line).get("payload").get("archive").asText());
        }
        assertThat(recorded).containsExactly(jsonArchive.toString(), textArchive.toString());
    }

    @Test
    void archive_to_and_no_archive_exclude_each_other() {
        String thread = thread();

        CliHarness.Run both = run(
                "thread",
                "purge",
                thread,
                "--no-archive",
                "--archive-to",
                temp.resolve("a").toString());

        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void a_dry_run_prints_what_would_go_and_the_purge_archives_owner_only_then_removes() throws IOException {
        String thread = thread();
        run("thread", "archive", thread);
        long last = lastSequence();

        JsonNode dry = JSON.readTree(
                run("--json", "thread", "purge", thread, "--dry-run").out());
        assertThat(lastSequence()).isEqualTo(last);
        CliHarness.Run purge = run("--json", "thread", "purge", thread);
        JsonNode done = JSON.readTree(purge.out());

        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("events").asLong()).isEqualTo(6);
        assertThat(dry.get("archive").asText()).startsWith(dataDir().resolve("archives") + "/" + thread + "-");
        assertThat(purge.exitCode()).as(purge.err()).isZero();
        assertThat(done.get("events").asLong()).isEqualTo(6);
        assertThat(done.get("bytes").asLong()).isEqualTo(dry.get("bytes").asLong());
        Path archive = Path.of(done.get("archive").asText());
        assertThat(Files.size(archive)).isEqualTo(done.get("bytes").asLong());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.getParent())))
                .isEqualTo("rwx------");
        assertThat(done.get("sequence").asLong()).isEqualTo(last + 1);
        assertThat(done.get("lastSequence").asLong()).isEqualTo(last + 1);
        assertThat(dry.get("lastSequence").isNull()).isTrue();
        assertThat(run("thread", "show", thread).exitCode()).isEqualTo(1);
        JsonNode doctor = JSON.readTree(run("--json", "doctor").out());
        assertThat(doctor.get("healthy").asBoolean()).isTrue();
        assertThat(doctor.get("removed").get("purges").asLong()).isEqualTo(1);
        assertThat(doctor.get("removed").get("purgedEvents").asLong()).isEqualTo(6);
    }

    @Test
    void a_malformed_or_missing_age_is_a_usage_error() {
        thread();

        CliHarness.Run malformed = run("purge", "--archived-before", "30 days");
        CliHarness.Run none = run("purge");

        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("'30 days' is malformed").contains("30d");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--archived-before");
    }

    @Test
    void the_sweep_purges_old_enough_threads_and_prints_a_json_summary() throws IOException {
        String archived = thread();
        String deleted = thread();
        String live = thread();
        run("thread", "archive", archived);
        run("thread", "delete", deleted);

        JsonNode young =
                JSON.readTree(run("--json", "purge", "--archived-before", "30d").out());
        JsonNode dry =
                JSON.readTree(run("--json", "purge", "--archived-before", "0h", "--deleted-before", "0h", "--dry-run")
                        .out());
        CliHarness.Run swept = run("--json", "purge", "--archived-before", "0h", "--deleted-before", "0h");
        JsonNode summary = JSON.readTree(swept.out());

        assertThat(young.get("threads").asInt()).isZero();
        assertThat(young.get("lastSequence").isNull()).isTrue();
        assertThat(dry.get("lastSequence").isNull()).isTrue();
        long lastPurge = Math.max(
                summary.get("purged").get(0).get("sequence").asLong(),
                summary.get("purged").get(1).get("sequence").asLong());
        assertThat(summary.get("lastSequence").asLong()).isEqualTo(lastPurge).isEqualTo(lastSequence());
        assertThat(dry.get("planned")).hasSize(2);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(swept.exitCode()).as(swept.err()).isZero();
        assertThat(summary.get("threads").asInt()).isEqualTo(2);
        assertThat(summary.get("events").asLong()).isEqualTo(dry.get("events").asLong());
        assertThat(summary.get("kept")).isEmpty();
        List<String> purged = new ArrayList<>();
        summary.get("purged").forEach(p -> purged.add(p.get("threadId").asText()));
        assertThat(purged).containsExactlyInAnyOrder(archived, deleted);
        assertThat(run("thread", "show", live).exitCode()).isZero();
        assertThat(run("projections", "verify").exitCode()).isZero();
    }

    @Test
    void an_archive_whose_thread_exists_again_with_other_events_is_refused_and_nothing_is_imported()
            throws IOException {
        String thread = thread();
        run("thread", "archive", thread);
        Path archive = temp.resolve("archive.jsonl");
        assertThat(run("thread", "purge", thread, "--archive-to", archive.toString())
                        .exitCode())
                .isZero();
        assertThat(run("import", archive.toString()).exitCode()).isZero();
        Path other = temp.resolve("other.jsonl");
        Files.writeString(other, Files.readString(archive).replace("\"Fix login\"", "\"Another title\""));
        long last = lastSequence();

        CliHarness.Run again = run("import", archive.toString());
        CliHarness.Run conflicting = run("import", other.toString());

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("Imported 0 event(s)");
        assertThat(conflicting.exitCode()).isEqualTo(1);
        assertThat(conflicting.err().strip())
                .contains("exists in this store with other events")
                .doesNotContain("\n");
        assertThat(lastSequence()).isEqualTo(last);
    }

    @Test
    void undecodable_rows_are_quarantined_and_then_export_verify_and_import_work() throws Exception {
        String thread = thread();
        long first = plantUndecodable("{\"type\":\"SettingChanged\",\"key\":");
        long second = plantUndecodable("not json at all");
        assertThat(run("export", "--out", temp.resolve("refused.jsonl").toString())
                        .exitCode())
                .isEqualTo(3);
        assertThat(run("doctor").exitCode()).isEqualTo(3);

        JsonNode dry = JSON.readTree(
                run("--json", "doctor", "--quarantine", "--dry-run").out());
        CliHarness.Run quarantine = run("--json", "doctor", "--quarantine");
        JsonNode moved = JSON.readTree(quarantine.out());

        assertThat(dry.get("rows").asInt()).isEqualTo(2);
        for (String key : List.of("file", "fileSha256", "sequence", "lastSequence")) {
            assertThat(dry.get(key)).as(key).isNotNull();
            assertThat(dry.get(key).isNull()).as(key).isTrue();
        }
        assertThat(moved.get("sequence").asLong())
                .isEqualTo(moved.get("lastSequence").asLong())
                .isEqualTo(lastSequence());
        assertThat(moved.get("fileSha256").asText()).matches("[0-9a-f]{64}");
        assertThat(quarantine.exitCode()).as(quarantine.err()).isZero();
        assertThat(moved.get("sequences").toString()).isEqualTo("[" + first + "," + second + "]");
        Path file = Path.of(moved.get("file").asText());
        assertThat(file.getParent()).isEqualTo(dataDir().resolve("quarantine"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(1)).get("payload").asText()).isEqualTo("not json at all");
        assertThat(JSON.readTree(lines.get(0)).get("sequence").asLong()).isEqualTo(first);
        assertThat(run("doctor").exitCode()).isZero();
        assertThat(run("projections", "verify").exitCode()).isZero();
        Path export = temp.resolve("export.jsonl");
        assertThat(run("export", "--out", export.toString()).exitCode()).isZero();
        assertThat(Files.readString(export)).contains("\"type\":\"EventsQuarantined\"");
        CliHarness.Run imported = runIn(temp.resolve("copy"), "import", export.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(runIn(temp.resolve("copy"), "thread", "show", thread).exitCode())
                .isZero();
        JsonNode doctor = JSON.readTree(run("--json", "doctor").out());
        assertThat(doctor.get("removed").get("quarantinedRows").asLong()).isEqualTo(2);
    }

    @Test
    void a_quarantine_with_nothing_to_move_prints_the_same_keys_as_null() throws IOException {
        thread();
        long last = lastSequence();

        CliHarness.Run quarantine = run("--json", "doctor", "--quarantine");
        JsonNode nothing = JSON.readTree(quarantine.out());

        assertThat(quarantine.exitCode()).as(quarantine.err()).isZero();
        assertThat(nothing.get("rows").asInt()).isZero();
        for (String key : List.of("file", "fileSha256", "sequence", "lastSequence")) {
            assertThat(nothing.get(key)).as(key).isNotNull();
            assertThat(nothing.get(key).isNull()).as(key).isTrue();
        }
        assertThat(lastSequence()).isEqualTo(last);
    }

    @Test
    void a_thread_purge_repeated_under_its_command_id_prints_the_first_result_and_writes_nothing() throws IOException {
        String thread = thread();
        String other = thread();
        run("thread", "archive", thread);
        run("thread", "archive", other);
        Path archive = temp.resolve("once.jsonl");

        CliHarness.Run first =
                run("--json", "thread", "purge", thread, "--archive-to", archive.toString(), "--command-id", "purge-1");
        long last = lastSequence();
        CliHarness.Run again =
                run("--json", "thread", "purge", thread, "--archive-to", archive.toString(), "--command-id", "purge-1");
        CliHarness.Run text =
                run("thread", "purge", thread, "--archive-to", archive.toString(), "--command-id", "purge-1");
        CliHarness.Run reused = run("thread", "purge", other, "--no-archive", "--command-id", "purge-1");
        CliHarness.Run blank = run("thread", "purge", other, "--no-archive", "--command-id", " ");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(JSON.readTree(again.out()).get("lastSequence").asLong()).isEqualTo(last);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .startsWith("Purged thread " + thread + ": 6 event(s)")
                .contains(archive.toString());
        assertThat(reused.exitCode()).isEqualTo(1);
        assertThat(reused.err().strip())
                .isEqualTo("threadline: command id 'purge-1' was already used for PurgeThread with other arguments.");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("--command-id must not be blank");
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(run("thread", "show", other).exitCode()).isZero();
    }

    @Test
    void a_sweep_repeated_under_its_command_id_prints_the_first_result_and_purges_nothing_new() throws IOException {
        String first = thread();
        run("thread", "archive", first);

        CliHarness.Run swept = run("--json", "purge", "--archived-before", "0h", "--command-id", "sweep-1");
        long last = lastSequence();
        String later = thread();
        run("thread", "archive", later);
        long afterArchive = lastSequence();
        CliHarness.Run again = run("--json", "purge", "--archived-before", "0h", "--command-id", "sweep-1");
        CliHarness.Run otherAge = run("purge", "--archived-before", "1h", "--command-id", "sweep-1");
        CliHarness.Run asCommand = run("thread", "rename", later, "--title", "x", "--command-id", "sweep-1");

        assertThat(swept.exitCode()).as(swept.err()).isZero();
        JsonNode summary = JSON.readTree(swept.out());
        assertThat(summary.get("purged")).hasSize(1);
        assertThat(summary.get("lastSequence").asLong()).isEqualTo(last);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(swept.out());
        assertThat(otherAge.exitCode()).isEqualTo(1);
        assertThat(otherAge.err()).contains("command id 'sweep-1' was already used");
        assertThat(asCommand.exitCode()).isEqualTo(1);
        assertThat(asCommand.err()).contains("command id 'sweep-1' was already used for another command");
        assertThat(lastSequence()).isEqualTo(afterArchive);
        assertThat(run("thread", "show", later).exitCode()).isZero();
    }

    @Test
    void a_quarantine_repeated_under_its_command_id_prints_the_first_result_and_moves_nothing_new() throws Exception {
        thread();
        plantUndecodable("not json at all");

        CliHarness.Run moved = run("--json", "doctor", "--quarantine", "--command-id", "q-1");
        CliHarness.Run movedText = run("doctor", "--quarantine", "--command-id", "q-1");
        long planted = plantUndecodable("{broken");
        CliHarness.Run again = run("--json", "doctor", "--quarantine", "--command-id", "q-1");
        CliHarness.Run withoutQuarantine = run("doctor", "--command-id", "q-1");
        CliHarness.Run blank = run("doctor", "--quarantine", "--command-id", "");

        assertThat(moved.exitCode()).as(moved.err()).isZero();
        assertThat(JSON.readTree(moved.out()).get("rows").asInt()).isEqualTo(1);
        assertThat(movedText.exitCode()).as(movedText.err()).isZero();
        assertThat(movedText.out()).contains("Moved 1 undecodable row(s)").contains("SettingChanged");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(moved.out());
        assertThat(withoutQuarantine.exitCode()).isEqualTo(2);
        assertThat(blank.exitCode()).isEqualTo(2);
        JsonNode doctor = JSON.readTree(run("--json", "doctor").out());
        assertThat(doctor.get("undecodable"))
                .singleElement()
                .satisfies(row -> assertThat(row.get("sequence").asLong()).isEqualTo(planted));
        assertThat(doctor.get("removed").get("quarantines").asLong()).isEqualTo(1);
    }

    @Test
    void a_quarantine_takes_out_of_the_read_models_what_its_rows_had_projected() throws Exception {
        String thread = thread();
        long damaged;
        try (Connection db =
                        DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("threadline.db"));
                PreparedStatement update = db.prepareStatement("UPDATE events SET payload = '{broken' WHERE"
                        + " sequence = (SELECT min(sequence) FROM events WHERE stream_id = ? AND event_type ="
                        + " 'MessageAdded' AND payload LIKE '%The cookie.%') RETURNING sequence")) {
            update.setString(1, thread);
            try (var result = update.executeQuery()) {
                assertThat(result.next()).isTrue();
                damaged = result.getLong(1);
            }
        }
        assertThat(run("thread", "show", thread).out()).contains("The cookie.");
        assertThat(run("search", "cookie").out()).contains(thread);

        CliHarness.Run quarantine = run("--json", "doctor", "--quarantine");

        assertThat(quarantine.exitCode()).as(quarantine.err()).isZero();
        assertThat(JSON.readTree(quarantine.out()).get("sequences").toString()).isEqualTo("[" + damaged + "]");
        CliHarness.Run show = run("thread", "show", thread);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Why?").doesNotContain("The cookie.");
        assertThat(run("search", "cookie").out()).doesNotContain(thread);
        CliHarness.Run verify = run("projections", "verify");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(run("doctor").exitCode()).isZero();
    }

    /** Writes a row whose payload cannot be decoded behind the store's back; returns its sequence. */
    private long plantUndecodable(String payload) throws Exception {
        return plantUndecodable("settings", payload);
    }

    private long plantUndecodable(String stream, String payload) throws Exception {
        try (Connection db =
                        DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("threadline.db"));
                PreparedStatement insert = db.prepareStatement("INSERT INTO events (event_id, stream_id,"
                        + " stream_version, event_type, occurred_at, recorded_at, payload) VALUES"
                        + " (lower(hex(randomblob(16))), ?1, (SELECT coalesce(max(stream_version), -1) + 1"
                        + " FROM events WHERE stream_id = ?1), 'SettingChanged',"
                        + " '2026-11-23T21:00:00Z', '2026-11-23T21:00:00Z', ?2) RETURNING sequence")) {
            insert.setString(1, stream);
            insert.setString(2, payload);
            try (var result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Test
    void a_thread_whose_stream_holds_an_undecodable_row_is_not_purged_until_it_is_quarantined() throws Exception {
        String thread = thread();
        run("thread", "archive", thread);
        plantUndecodable(thread, "{broken");
        long last = lastSequence();

        CliHarness.Run refused = run("thread", "purge", thread, "--no-archive");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("doctor --quarantine");
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(run("doctor", "--quarantine").exitCode()).isZero();
        assertThat(run("thread", "purge", thread, "--no-archive").exitCode()).isZero();
        assertThat(run("projections", "verify").exitCode()).isZero();
    }

    @Test
    void a_purged_threads_snapshot_refs_leave_its_shadow_repository() throws Exception {
        Path workspace = temp.resolve("workspace");
        Files.createDirectories(workspace);
        Files.writeString(workspace.resolve("login.js"), "let cookie;\n");
        String project = JSON.readTree(run("--json", "project", "create", "--name", "W", "--path", workspace.toString())
                        .out())
                .get("projectId")
                .asText();
        String kept = run("thread", "create", "--project", project, "--title", "kept")
                .out()
                .strip();
        String gone = run("thread", "create", "--project", project, "--title", "gone")
                .out()
                .strip();
        for (String thread : List.of(kept, gone)) {
            run("turn", "start", "--thread", thread, "--prompt", "Why?");
            CliHarness.Run complete = run("turn", "complete", "--thread", thread);
            assertThat(complete.exitCode()).as(complete.err()).isZero();
        }
        Path shadow = dataDir().resolve("checkpoints").resolve(project + ".git");
        assertThat(refs(shadow, gone)).isNotEmpty();
        run("thread", "archive", gone);

        assertThat(run("thread", "purge", gone).exitCode()).isZero();

        assertThat(refs(shadow, gone)).isEmpty();
        assertThat(refs(shadow, kept)).isNotEmpty();
    }

    /** The snapshot refs of a thread in a shadow repository. */
    private static String refs(Path shadow, String thread) throws Exception {
        Process git = new ProcessBuilder(
                        "git", "--git-dir", shadow.toString(), "for-each-ref", "refs/threadline/" + thread + "/")
                .redirectErrorStream(true)
                .start();
        String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as(out).isZero();
        return out.strip();
    }

    @Test
    void a_demo_store_purged_and_restored_exports_the_same_events() throws IOException {
        assertThat(run("demo").exitCode()).isZero();
        JsonNode threads = JSON.readTree(run("--json", "thread", "list").out()).get("threads");
        List<String> ids = new ArrayList<>();
        threads.forEach(t -> ids.add(t.get("threadId").asText()));
        for (String id : ids) {
            assertThat(run("thread", "delete", id).exitCode()).isZero();
        }
        Path before = temp.resolve("before.jsonl");
        run("export", "--out", before.toString());

        CliHarness.Run sweep = run("--json", "purge", "--deleted-before", "0h");
        List<String> archives = new ArrayList<>();
        JSON.readTree(sweep.out())
                .get("purged")
                .forEach(p -> archives.add(p.get("archive").asText()));
        assertThat(run("--json", "thread", "list", "--deleted").out()).contains("\"threads\":[]");
        for (String archive : archives) {
            assertThat(run("import", archive).exitCode()).isZero();
        }
        Path after = temp.resolve("after.jsonl");
        run("export", "--out", after.toString());

        assertThat(sweep.exitCode()).as(sweep.err()).isZero();
        assertThat(archives).hasSize(ids.size());
        assertThat(events(after)).isEqualTo(events(before));
        assertThat(run("projections", "verify").exitCode()).isZero();
    }

    /** Each event's line without its sequence and time of record, by stream and version; the store stream left out. */
    private static Map<String, String> events(Path export) throws IOException {
        Map<String, String> events = new TreeMap<>();
        for (String line : Files.readAllLines(export)) {
            JsonNode event = JSON.readTree(line);
            if (event.get("streamId").asText().equals("store")) {
                continue;
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) event).remove(List.of("sequence", "recordedAt"));
            events.put(
                    event.get("streamId").asText() + "/"
                            + event.get("streamVersion").asLong(),
                    event.toString());
        }
        return events;
    }
}
