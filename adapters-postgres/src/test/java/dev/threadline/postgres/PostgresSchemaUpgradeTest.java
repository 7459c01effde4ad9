package dev.threadline.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A store written by the first schema version opens under the current one with its rows intact;
 * a schema another node has only begun to create is finished, not refused.
 */
@ExtendWith(TestServer.class)
class PostgresSchemaUpgradeTest {

    @Test
    void flags_stored_as_numbers_read_as_the_same_flags_after_the_upgrade() throws Exception {
        PostgresLocation location = TestServer.database(getClass()).withSchema("old");
        String project = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        String archived = UUID.randomUUID().toString();
        try (Connection connection = TestServer.connect(location)) {
            Flyway.configure(getClass().getClassLoader())
                    .dataSource(location.jdbcUrl(), location.user(), location.password())
                    .schemas("old")
                    .defaultSchema("old")
                    .createSchemas(true)
                    .locations(PostgresSchema.LOCATION)
                    .target("1")
                    .load()
                    .migrate();
            try (Statement insert = connection.createStatement()) {
                insert.execute("INSERT INTO old.projection_projects VALUES ('" + project
                        + "', 'p', '/p', 1, '2026-11-23T21:00:00Z', '2026-11-23T21:00:00Z', 0)");
                insert.execute("INSERT INTO old.projection_threads (thread_id, project_id, title, model,"
                        + " archived, created_at, last_activity_at, stream_version) VALUES ('" + live + "', '"
                        + project + "', 'live', 'm', 0, '2026-11-23T21:00:00Z', '2026-11-23T21:00:00Z', 0), ('"
                        + archived + "', '" + project
                        + "', 'old', 'm', 1, '2026-11-23T21:00:01Z', '2026-11-23T21:00:01Z', 0)");
            }
        }

        try (PostgresDatabase database = PostgresDatabase.open(location)) {
            PostgresReadModels reads = new PostgresReadModels(database);

            assertThat(reads.project(new ProjectId(UUID.fromString(project))))
                    .hasValueSatisfying(p -> assertThat(p.deleted()).isTrue());
            assertThat(reads.projects(false)).isEmpty();
            assertThat(reads.threads(new ThreadFilter(new ProjectId(UUID.fromString(project)), true, false)))
                    .extracting(ThreadView::id, ThreadView::archived)
                    .containsExactly(
                            tuple(new ThreadId(UUID.fromString(live)), false),
                            tuple(new ThreadId(UUID.fromString(archived)), true));
            assertThat(reads.liveThreadsOf(new ProjectId(UUID.fromString(project))))
                    .hasSize(2);
        }
    }

    @Test
    void a_schema_holding_only_an_empty_migration_history_is_one_another_node_is_creating() throws Exception {
        PostgresLocation location = TestServer.database(getClass()).withSchema("starting");
        try (Connection connection = TestServer.connect(location);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA starting");
            statement.execute("CREATE TABLE starting.flyway_schema_history (installed_rank INT PRIMARY KEY,"
                    + " version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,"
                    + " script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL,"
                    + " installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INT NOT NULL,"
                    + " success BOOLEAN NOT NULL)");
            statement.execute("INSERT INTO starting.flyway_schema_history VALUES (0, NULL,"
                    + " '<< Flyway Schema Creation >>', 'SCHEMA', '\"starting\"', NULL, 'postgres', now(), 0, true)");
        }

        try (PostgresDatabase database = PostgresDatabase.open(location);
                Connection connection = database.borrow()) {
            assertThat(PostgresSchema.version(location, connection)).isEqualTo(PostgresSchema.LATEST_VERSION);
        }
    }
}
