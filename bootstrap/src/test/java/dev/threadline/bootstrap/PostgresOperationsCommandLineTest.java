package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.postgres.PostgresLocation;
import dev.threadline.postgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations of the command line on a PostgreSQL database ({@code --database}): usage,
 * compact, doctor, backup, projections, thread purge and search print what they print on SQLite,
 * with the same exit codes, each in a schema of its own.
 */
@ExtendWith(TestServer.class)
class PostgresOperationsCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliHarness.Run pg(String schema, String... args) {
        PostgresLocation location = TestServer.database(getClass()).withSchema(schema);
        List<String> all =
                new ArrayList<>(List.of("--data-dir", dir.resolve("local").toString(), "--database", location.url()));
        all.addAll(List.of(args));
        return CliHarness.run(all.toArray(String[]::new));
    }

    private JsonNode json(String schema, String... args) throws Exception {
        CliHarness.Run run = pg(schema, args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private String ok(String schema, String... args) {
        CliHarness.Run run = pg(schema, args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run.out().strip();
    }

    /** A thread with a started turn holding the prompt and an answer; returns its id. */
    private String thread(String schema, String project, String title, String prompt) {
        String thread = ok(schema, "thread", "create", "--project", project, "--title", title);
        ok(schema, "turn", "start", "--thread", thread, "--prompt", prompt);
        ok(schema, "message", "add", "--thread", thread, "--role", "assistant", "--text", "the answer to " + title);
        ok(schema, "turn", "complete", "--thread", thread);
        return thread;
    }

    /** A project with one thread in a schema; returns the log's last sequence. */
    private long seeded(String schema) throws Exception {
        String project = ok(schema, "project", "create", "--name", schema, "--path", "/" + schema);
        thread(schema, project, "t", "hello");
        return lastSequence(schema);
    }

    private long lastSequence(String schema) throws Exception {
        return json(schema, "--json", "info").get("lastSequence").asLong();
    }

    @Test
    void usage_names_the_tables_and_the_largest_threads_and_projects_and_writes_nothing() throws Exception {
        String project = ok("usage", "project", "create", "--name", "Shop", "--path", "/src/shop");
        String small = thread("usage", project, "small", "hi");
        String large = thread("usage", project, "large", "x".repeat(5_000));
        long last = lastSequence("usage");

        JsonNode report = json("usage", "--json", "usage", "--top", "1");
        CliHarness.Run text = pg("usage", "usage");

        assertThat(report.get("location").asText()).startsWith("postgresql://").endsWith("?schema=usage");
        assertThat(report.get("bytes").asLong()).isPositive();
        assertThat(report.get("freeBytes").asLong()).isNotNegative();
        assertThat(report.get("events").asLong()).isEqualTo(last);
        assertThat(report.get("eventBytes").asLong()).isGreaterThan(5_000);
        assertThat(report.get("tables").findValuesAsText("name"))
                .contains("events", "projection_messages", "search_documents", "command_receipts");
        assertThat(report.get("tables"))
                .allSatisfy(table -> assertThat(table.get("bytes").asLong()).isNotNegative());
        assertThat(report.get("threads")).singleElement().satisfies(top -> {
            assertThat(List.of(top.get("threadId").asText(), top.get("title").asText()))
                    .containsExactly(large, "large");
            assertThat(top.get("events").asLong()).isPositive();
            assertThat(top.get("bytes").asLong()).isGreaterThan(5_000);
        });
        JsonNode shop = report.get("projects").get(0);
        assertThat(List.of(shop.get("projectId").asText(), shop.get("threads").asText()))
                .containsExactly(project, "2");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("TABLE", "THREAD", "PROJECT", large, small, "Shop", "events");
        assertThat(text.out()).contains("reusable by new rows").doesNotContain("free space that compact gives back");
        assertThat(lastSequence("usage")).isEqualTo(last);
        CliHarness.Run negative = pg("usage", "usage", "--top", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--top").doesNotContain("Exception");
    }

    @Test
    void info_names_the_database_not_a_database_file() throws Exception {
        seeded("info");

        JsonNode info = json("info", "--json", "info");
        CliHarness.Run text = pg("info", "info");

        assertThat(info.get("database").asText()).startsWith("postgresql://").endsWith("?schema=info");
        assertThat(info.has("databaseFile")).isFalse();
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("database ").doesNotContain("database file");
    }

    @Test
    void compact_prints_the_size_before_and_after_and_leaves_a_healthy_store() throws Exception {
        long last = seeded("compact");

        JsonNode result = json("compact", "--json", "compact");
        CliHarness.Run text = pg("compact", "compact");

        assertThat(result.get("location").asText()).endsWith("?schema=compact");
        long before = result.get("bytesBefore").asLong();
        long after = result.get("bytesAfter").asLong();
        assertThat(after).isPositive().isLessThanOrEqualTo(before);
        assertThat(result.get("reclaimedBytes").asLong()).isEqualTo(before - after);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("before", "after", "reusable by new rows");
        assertThat(lastSequence("compact")).isEqualTo(last);
        assertThat(json("compact", "--json", "doctor").get("healthy").asBoolean())
                .isTrue();
    }

    @Test
    void doctor_backup_and_projections_print_their_reports() throws Exception {
        long last = seeded("ops");

        JsonNode doctor = json("ops", "--json", "doctor");
        assertThat(doctor.get("healthy").asBoolean()).isTrue();
        assertThat(doctor.get("schemaVersion").asInt()).isPositive();
        assertThat(doctor.get("lastSequence").asLong()).isEqualTo(last);
        assertThat(doctor.get("projectorLag").asLong()).isZero();
        assertThat(doctor.get("undecodable")).isEmpty();
        assertThat(doctor.get("removed").get("purges").asLong()).isZero();
        assertThat(pg("ops", "doctor").exitCode()).isZero();

        Path backup = dir.resolve("backup.jsonl");
        CliHarness.Run backedUp = pg("ops", "backup", backup.toString());
        assertThat(backedUp.exitCode()).as(backedUp.err()).isZero();
        assertThat(Files.readAllLines(backup)).hasSize((int) last);
        assertThat(Files.readString(backup)).isEqualTo(ok("ops", "export") + "\n");

        JsonNode status = json("ops", "--json", "projections", "status");
        assertThat(status.get("position").asLong()).isEqualTo(last);
        assertThat(status.get("lastSequence").asLong()).isEqualTo(last);
        assertThat(status.get("lag").asLong()).isZero();
        JsonNode rebuilt = json("ops", "--json", "projections", "rebuild");
        assertThat(rebuilt.get("applied").asLong()).isEqualTo(last);
        assertThat(rebuilt.get("lastSequence").asLong()).isEqualTo(last);
        JsonNode verified = json("ops", "--json", "projections", "verify");
        assertThat(verified.get("clean").asBoolean()).isTrue();
        assertThat(verified.get("differences")).isEmpty();
        assertThat(pg("ops", "projections", "verify").exitCode()).isZero();
        assertThat(lastSequence("ops")).isEqualTo(last);
    }

    @Test
    void thread_purge_refuses_a_live_thread_then_archives_and_removes_an_archived_one() throws Exception {
        String project = ok("purge", "project", "create", "--name", "P", "--path", "/p");
        String thread = thread("purge", project, "gone", "forget me");
        long last = lastSequence("purge");

        CliHarness.Run live = pg("purge", "thread", "purge", thread);
        assertThat(live.exitCode()).isEqualTo(1);
        assertThat(live.err()).contains("thread-purgeable");
        assertThat(lastSequence("purge")).isEqualTo(last);

        ok("purge", "thread", "archive", thread);
        long archived = lastSequence("purge");
        JsonNode dry = json("purge", "--json", "thread", "purge", thread, "--dry-run");
        assertThat(lastSequence("purge")).isEqualTo(archived);
        JsonNode done = json("purge", "--json", "thread", "purge", thread);

        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(done.get("events").asLong())
                .isEqualTo(dry.get("events").asLong())
                .isEqualTo(archived - 1);
        Path archive = Path.of(done.get("archive").asText());
        assertThat(archive.getParent()).isEqualTo(dir.resolve("local").resolve("archives"));
        assertThat(Files.size(archive)).isEqualTo(done.get("bytes").asLong());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)))
                .isEqualTo("rw-------");
        assertThat(done.get("sequence").asLong()).isEqualTo(archived + 1);
        assertThat(pg("purge", "thread", "show", thread).exitCode()).isEqualTo(1);
        assertThat(pg("purge", "search", "forget").out()).doesNotContain(thread);
        JsonNode doctor = json("purge", "--json", "doctor");
        assertThat(doctor.get("healthy").asBoolean()).isTrue();
        assertThat(doctor.get("removed").get("purges").asLong()).isEqualTo(1);
        assertThat(doctor.get("removed").get("purgedEvents").asLong()).isEqualTo(archived - 1);
        assertThat(json("purge", "--json", "projections", "verify").get("clean").asBoolean())
                .isTrue();
    }

    @Test
    void search_prints_hits_as_json_lines_and_refuses_an_empty_query_with_exit_2() throws Exception {
        String project = ok("search", "project", "create", "--name", "S", "--path", "/s");
        thread("search", project, "one", "where is the answer");
        thread("search", project, "two", "another answer please");
        thread("search", project, "three", "nothing here");

        CliHarness.Run found = pg("search", "--json", "search", "answer", "--limit", "2");
        CliHarness.Run text = pg("search", "search", "answer");
        CliHarness.Run none = pg("search", "search", "zebra");
        CliHarness.Run empty = pg("search", "search", "");
        CliHarness.Run separators = pg("search", "search", "::() <> --");

        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out().strip().split("\n"))
                .hasSize(2)
                .allSatisfy(line ->
                        assertThat(JSON.readTree(line).get("snippet").asText()).contains("[answer]"));
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("[answer]");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("No match");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("a search needs a query");
        assertThat(separators.exitCode()).isEqualTo(2);
        assertThat(separators.err().strip())
                .contains("holds no word to search for")
                .doesNotContain("\n");
    }

    @Test
    void a_row_quarantined_from_the_middle_of_a_stream_leaves_doctor_sound() throws Exception {
        seeded("middle");
        PostgresLocation location = TestServer.database(getClass()).withSchema("middle");
        try (Connection connection = TestServer.connect(location);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE middle.events SET payload = '{broken' WHERE sequence = (SELECT"
                    + " min(sequence) FROM middle.events WHERE event_type = 'MessageAdded')");
        }
        assertThat(pg("middle", "doctor").exitCode()).isEqualTo(3);

        CliHarness.Run quarantine = pg("middle", "doctor", "--quarantine");
        CliHarness.Run doctor = pg("middle", "--json", "doctor");

        assertThat(quarantine.exitCode()).as(quarantine.err()).isZero();
        assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
        assertThat(JSON.readTree(doctor.out()).get("integrity").toString()).isEqualTo("[\"ok\"]");
        try (Connection connection = TestServer.connect(location);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM middle.events WHERE sequence = (SELECT min(sequence) FROM"
                    + " middle.events WHERE event_type = 'TurnStarted')");
        }
        CliHarness.Run unexplained = pg("middle", "doctor");
        assertThat(unexplained.exitCode()).isEqualTo(3);
        assertThat(unexplained.out()).contains("1 stream(s) miss versions that no quarantine moved out");
    }
}
