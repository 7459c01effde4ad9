package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadline.postgres.PostgresLocation;
import dev.threadline.postgres.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --database} on a scratch database: it reports the PostgreSQL scenarios, with the
 * floors of concurrent commands, and leaves no scratch schema behind. Timings are never asserted.
 */
@ExtendWith(TestServer.class)
class PostgresBenchCommandTest {

    private static final List<String> SCENARIOS =
            List.of("pg-batch-append", "pg-pipeline-batched", "pg-single", "pg-concurrent-commands");

    @TempDir
    Path dir;

    @Test
    void bench_on_a_database_reports_every_postgresql_scenario_and_drops_its_schemas() throws Exception {
        PostgresLocation database = TestServer.database(getClass());

        CliHarness.Run run = CliHarness.run(
                "--json", "bench", "--data-dir", dir.toString(), "--database", database.url(), "--events", "1000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> objects = BenchCommandTest.results(run.out(), SCENARIOS);
        assertThat(objects.get(3).get("detail").asText())
                .contains("under the writer lock", "in one round trip per transaction", "synchronous_commit off");
        assertThat(benchSchemas(database)).isEmpty();
    }

    /** The scratch schemas {@code bench} names ({@code threadline_bench_…}) still on the database. */
    private static List<String> benchSchemas(PostgresLocation database) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Connection connection = TestServer.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'threadline_bench_%'")) {
            while (rows.next()) {
                schemas.add(rows.getString(1));
            }
        }
        return schemas;
    }
}
