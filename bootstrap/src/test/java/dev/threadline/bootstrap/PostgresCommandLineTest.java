package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.postgres.PostgresLocation;
import dev.threadline.postgres.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The command line on a PostgreSQL database: moving a SQLite store over, operations, bad URLs. */
@ExtendWith(TestServer.class)
class PostgresCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PostgresLocation location(String schema) {
        return TestServer.database(getClass()).withSchema(schema);
    }

    private CliHarness.Run pg(PostgresLocation location, String stdin, String... args) {
        List<String> all =
                new ArrayList<>(List.of("--data-dir", dir.resolve("local").toString(), "--database"));
        all.add(location.url());
        all.addAll(List.of(args));
        return CliHarness.run(Map.of(), stdin, all.toArray(String[]::new));
    }

    private static JsonNode json(CliHarness.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    /** A thread in a SQLite store holding one completed turn: its prompt and the answer. */
    private static String answeredThread(String sqlite, String prompt, String answer) {
        String project = CliHarness.run("--data-dir", sqlite, "project", "create", "--name", "P", "--path", "/src/p")
                .out()
                .strip();
        String thread = CliHarness.run("--data-dir", sqlite, "thread", "create", "--project", project, "--title", "T")
                .out()
                .strip();
        CliHarness.run("--data-dir", sqlite, "turn", "start", "--thread", thread, "--prompt", prompt);
        CliHarness.run(
                "--data-dir", sqlite, "message", "add", "--thread", thread, "--role", "assistant", "--text", answer);
        CliHarness.run("--data-dir", sqlite, "turn", "complete", "--thread", thread);
        return thread;
    }

    @Test
    void the_demo_runs_on_postgres_with_a_data_directory_that_does_not_exist_yet() {
        PostgresLocation location = location("demo_" + Long.toHexString(System.nanoTime()));

        CliHarness.Run demo = pg(location, "", "demo");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("ThreadForked");
        assertThat(dir.resolve("local").resolve("demo")).isDirectory();
        assertThat(pg(location, "", "projections", "verify").exitCode()).isZero();
    }

    @Test
    void an_export_of_a_sqlite_store_piped_to_import_moves_it_and_verifies_clean() throws Exception {
        String sqlite = dir.resolve("sqlite").toString();
        String thread = answeredThread(sqlite, "héllo 'DROP TABLE events; --", "done ✓");
        CliHarness.Run export = CliHarness.run("--data-dir", sqlite, "export");
        assertThat(export.exitCode()).isZero();
        PostgresLocation target = location("moved");

        CliHarness.Run imported = pg(target, export.out(), "--json", "import", "-");

        assertThat(json(imported).get("imported").asLong())
                .isEqualTo(export.out().lines().count());
        assertThat(json(pg(target, "", "--json", "projections", "verify"))
                        .get("clean")
                        .asBoolean())
                .isTrue();
        assertThat(withoutRecordTimes(pg(target, "", "export").out())).isEqualTo(withoutRecordTimes(export.out()));
        assertThat(pg(target, "", "thread", "show", thread).out()).contains("héllo 'DROP TABLE events; --", "done ✓");
        assertThat(pg(target, "", "search", "hello").out()).contains("[héllo]");
        assertThat(dir.resolve("local").resolve("threadline.db")).doesNotExist();
    }

    @Test
    void an_export_after_a_quarantine_in_the_middle_of_a_stream_moves_to_postgres_and_on() throws Exception {
        String sqlite = dir.resolve("quarantined").toString();
        CliHarness.run("--data-dir", sqlite, "settings", "set", "a.b", "one");
        String thread = answeredThread(sqlite, "Why?", "Lost.");
        try (Connection db = java.sql.DriverManager.getConnection(
                        "jdbc:sqlite:" + dir.resolve("quarantined").resolve("threadline.db"));
                Statement update = db.createStatement()) {
            assertThat(update.executeUpdate("UPDATE events SET payload = '{broken' WHERE payload LIKE '%Lost.%'"))
                    .isEqualTo(1);
        }
        assertThat(CliHarness.run("--data-dir", sqlite, "doctor", "--quarantine")
                        .exitCode())
                .isZero();
        CliHarness.Run export = CliHarness.run("--data-dir", sqlite, "export");
        assertThat(export.exitCode()).as(export.err()).isZero();
        PostgresLocation target = location("quarantined");

        CliHarness.Run imported = pg(target, export.out(), "--json", "import", "-");
        CliHarness.Run onward = pg(target, "", "export");
        CliHarness.Run back = CliHarness.run(
                Map.of(), onward.out(), "--data-dir", dir.resolve("back").toString(), "--json", "import", "-");

        assertThat(json(imported).get("imported").asLong())
                .isEqualTo(export.out().lines().count());
        assertThat(json(pg(target, "", "--json", "projections", "verify"))
                        .get("clean")
                        .asBoolean())
                .isTrue();
        assertThat(withoutRecordTimes(onward.out()).replaceAll("\"sequence\":\\d+", ""))
                .isEqualTo(withoutRecordTimes(export.out()).replaceAll("\"sequence\":\\d+", ""));
        assertThat(pg(target, "", "thread", "show", thread).out())
                .contains("Why?")
                .doesNotContain("Lost.");
        CliHarness.Run doctor = pg(target, "", "doctor");
        assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
        assertThat(json(back).get("imported").asLong())
                .isEqualTo(export.out().lines().count());
        assertThat(CliHarness.run("--data-dir", dir.resolve("back").toString(), "projections", "verify")
                        .exitCode())
                .isZero();
    }

    @Test
    void the_environment_names_the_default_database() throws Exception {
        PostgresLocation target = location("from_env");
        Map<String, String> environment = Map.of("THREADLINE_DATABASE", target.url());
        String local = dir.resolve("local").toString();

        CliHarness.Run created = CliHarness.run(
                environment, "", "--data-dir", local, "--json", "project", "create", "--name", "E", "--path", "/e");

        assertThat(json(created).get("lastSequence").asLong()).isEqualTo(1);
        assertThat(pg(target, "", "project", "list").out()).contains("E");
    }

    @Test
    void doctor_backup_info_and_rebuild_work_on_the_server() throws Exception {
        PostgresLocation target = location("ops");
        pg(target, "", "project", "create", "--name", "Ops", "--path", "/ops");

        CliHarness.Run doctor = pg(target, "", "doctor");
        assertThat(doctor.exitCode()).as(doctor.err()).isZero();
        Path backup = dir.resolve("backup.jsonl");
        CliHarness.Run backedUp = pg(target, "", "backup", backup.toString());
        assertThat(backedUp.exitCode()).as(backedUp.err()).isZero();
        assertThat(java.nio.file.Files.readString(backup))
                .isEqualTo(pg(target, "", "export").out());
        for (String[] command : List.of(new String[] {"projections", "rebuild"}, new String[] {"info"})) {
            CliHarness.Run run = pg(target, "", command);
            assertThat(run.exitCode())
                    .as(String.join(" ", command) + ": " + run.err())
                    .isZero();
        }
        assertThat(json(pg(target, "", "--json", "projections", "verify"))
                        .get("clean")
                        .asBoolean())
                .isTrue();
        assertThat(pg(target, "", "projections", "status").exitCode()).isZero();
    }

    @Test
    void a_payload_with_a_nul_character_is_refused_whole_with_one_sentence() throws Exception {
        PostgresLocation target = location("nul");
        String project = json(pg(target, "", "--json", "project", "create", "--name", "N", "--path", "/n"))
                .get("projectId")
                .asText();
        long before = count(target, "SELECT count(*) FROM nul.events");

        CliHarness.Run refused = pg(target, "", "project", "rename", project, "--name", "bad\u0000name");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err().strip())
                .contains("NUL character")
                .doesNotContain("\n")
                .endsWith(".");
        assertThat(count(target, "SELECT count(*) FROM nul.events")).isEqualTo(before);
        assertThat(pg(target, "", "project", "list").out()).contains("N").doesNotContain("bad");
    }

    @Test
    void a_url_with_a_wrong_host_port_user_or_database_fails_with_exit_3_and_never_shows_the_password() {
        PostgresLocation good = location("never");
        List<String> urls = List.of(
                "postgresql://postgres:s3cret-pw@127.0.0.2:1/" + good.database(),
                "postgresql://postgres:s3cret-pw@127.0.0.1:1/" + good.database(),
                "postgresql://no_such_user:s3cret-pw@" + good.host() + ":" + good.port() + "/" + good.database(),
                "postgresql://postgres:s3cret-pw@" + good.host() + ":" + good.port() + "/no_such_database_tl");
        for (String url : urls) {
            CliHarness.Run run =
                    CliHarness.run("--data-dir", dir.resolve("local").toString(), "--database", url, "project", "list");
            assertThat(run.exitCode()).as(url + ": " + run.err()).isEqualTo(3);
            assertThat(run.err().strip()).as(url).doesNotContain("\n").doesNotContain("s3cret-pw");
            assertThat(run.err()).as(url).containsAnyOf("cannot be reached", "user or password", "does not exist");
        }
    }

    @Test
    void a_malformed_url_is_a_usage_error() {
        CliHarness.Run run = CliHarness.run("--database", "postgresql://", "project", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("database URL is malformed");
    }

    @Test
    void a_newer_schema_or_a_foreign_events_table_is_refused_and_left_untouched() throws Exception {
        PostgresLocation newer = location("newer");
        pg(newer, "", "project", "create", "--name", "New", "--path", "/new");
        execute(
                newer,
                "INSERT INTO newer.flyway_schema_history (installed_rank, version, description, type, script,"
                        + " installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL', 'V99__future.sql',"
                        + " 'postgres', 0, true)");
        CliHarness.Run tooNew = pg(newer, "", "project", "create", "--name", "X", "--path", "/x");
        assertThat(tooNew.exitCode()).isEqualTo(3);
        assertThat(tooNew.err()).contains("schema version 99").doesNotContain("\n\n");
        assertThat(count(newer, "SELECT count(*) FROM newer.events")).isEqualTo(1);

        PostgresLocation foreign = location("alien");
        execute(
                foreign,
                "CREATE SCHEMA alien; CREATE TABLE alien.events (id int); INSERT INTO alien.events VALUES (7)");
        CliHarness.Run other = pg(foreign, "", "project", "list");
        assertThat(other.exitCode()).isEqualTo(3);
        assertThat(other.err()).contains("another program");
        assertThat(count(foreign, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'alien'"))
                .isEqualTo(1);
    }

    /** An export without the times the events were recorded, which an import sets anew. */
    private static String withoutRecordTimes(String export) {
        return export.replaceAll("\"recordedAt\":\"[^\"]*\"", "");
    }

    private static void execute(PostgresLocation location, String sql) throws SQLException {
        try (Connection connection = TestServer.connect(location);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(PostgresLocation location, String sql) throws SQLException {
        try (Connection connection = TestServer.connect(location);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
