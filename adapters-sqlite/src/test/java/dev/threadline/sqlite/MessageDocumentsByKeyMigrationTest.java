package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.domain.event.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose message documents repeat their message rows' ids, role and time (schema version 6)
 * migrates to documents that keep only what those rows lack: the repeated values go, the document
 * ids and the index stay, and the same searches return the same hits.
 */
class MessageDocumentsByKeyMigrationTest {

    private static final String AT = "2026-12-01T00:00:00Z";

    @TempDir
    Path directory;

    private final String thread = UUID.randomUUID().toString();
    private final String project = UUID.randomUUID().toString();
    private final String turn = UUID.randomUUID().toString();
    private final String message = UUID.randomUUID().toString();
    private final String rowless = UUID.randomUUID().toString();

    private static void execute(Statement statement, String sql) throws SQLException {
        statement.execute(sql);
    }

    private String url() {
        return "jdbc:sqlite:" + directory.resolve(SqliteDatabase.FILE_NAME);
    }

    /** A version-6 store: a thread, a turn, a message with its document, a document without a message row. */
    private void writeVersionSix() throws SQLException {
        Flyway.configure(getClass().getClassLoader())
                .dataSource(url(), null, null)
                .locations(SchemaMigrations.LOCATION)
                .target("6")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement()) {
            execute(
                    statement,
                    "INSERT INTO projection_threads (thread_id, project_id, title, model, created_at,"
                            + " last_activity_at, stream_version) VALUES ('" + thread + "', '" + project
                            + "', 'Flaky login test', 'm', '" + AT + "', '" + AT + "', 0)");
            execute(
                    statement,
                    "INSERT INTO projection_turns (turn_id, thread_id, ordinal, status, started_at) VALUES ('" + turn
                            + "', '" + thread + "', 2, 'running', '" + AT + "')");
            execute(
                    statement,
                    "INSERT INTO projection_messages (message_id, thread_id, turn_id, ordinal, role, text,"
                            + " streaming, created_at, updated_at) VALUES ('" + message + "', '" + thread + "', '"
                            + turn + "', 1, 'assistant', 'the login cookie expires before the redirect', 0, '" + AT
                            + "', '" + AT + "')");
            execute(
                    statement,
                    "INSERT INTO search_documents (doc_key, thread_id, project_id, turn_id, message_id, role, at,"
                            + " text) VALUES ('" + message + "', '" + thread + "', '" + project + "', '" + turn
                            + "', '" + message + "', 'assistant', '" + AT + "', NULL)");
            execute(
                    statement,
                    "INSERT INTO search_documents (doc_key, thread_id, project_id, turn_id, message_id, role, at,"
                            + " text) VALUES ('" + rowless + "', '" + thread + "', '" + project + "', '" + turn
                            + "', '" + rowless + "', 'user', '" + AT + "', 'a login note without a row')");
            execute(
                    statement,
                    "INSERT INTO search_documents (doc_key, thread_id, project_id, at, text) VALUES ('" + thread
                            + "', '" + thread + "', '" + project + "', '" + AT + "', 'Flaky login test')");
            execute(statement, "INSERT INTO search_index (rowid, text) SELECT document_id, text FROM search_content");
            execute(statement, "DELETE FROM search_pending");
        }
    }

    private List<List<String>> documents() throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT document_id, doc_key, thread_id, project_id,"
                        + " turn_id, message_id, role, at, text FROM search_documents ORDER BY document_id")) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= 9; column++) {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void message_documents_lose_the_values_their_rows_hold_and_searches_return_the_same_hits() throws SQLException {
        writeVersionSix();

        try (SqliteDatabase database =
                SqliteDatabase.open(directory.resolve(SqliteDatabase.FILE_NAME), SqliteOptions.defaults())) {
            List<SearchHit> hits = SqliteProjections.storage(database)
                    .search()
                    .search(SearchQuery.parse("login"), SearchFilter.none());
            assertThat(hits)
                    .extracting(
                            hit -> String.valueOf(hit.messageId()),
                            hit -> String.valueOf(hit.turnId()),
                            SearchHit::turnOrdinal,
                            SearchHit::role,
                            SearchHit::at,
                            SearchHit::threadTitle)
                    .containsExactlyInAnyOrder(
                            tuple(message, turn, 2L, Role.ASSISTANT, Instant.parse(AT), "Flaky login test"),
                            tuple(rowless, turn, 2L, Role.USER, Instant.parse(AT), "Flaky login test"),
                            tuple("null", "null", 0L, null, Instant.parse(AT), "Flaky login test"));
            assertThat(hits)
                    .filteredOn(hit -> hit.messageId() != null
                            && hit.messageId().toString().equals(message))
                    .singleElement()
                    .satisfies(hit -> assertThat(hit.snippet()).contains("[login] cookie"));
            assertThat(new SqliteMaintenance(database).integrityCheck().findings())
                    .containsExactly("ok");
        }
        assertThat(documents())
                .containsExactly(
                        Arrays.asList("1", message, thread, project, null, null, null, null, null),
                        Arrays.asList(
                                "2", rowless, thread, project, turn, rowless, "user", AT, "a login note without a row"),
                        Arrays.asList("3", thread, thread, project, null, null, null, AT, "Flaky login test"));
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement()) {
            // FTS5's own check of the index against its content, read through the new view.
            statement.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)");
        }
    }
}
