package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose search documents each hold a copy of their text (schema version 5) migrates to
 * documents that read their message's text: the copies go, the index is rebuilt over the messages,
 * and the same searches find the same documents with the same snippets.
 */
class SearchDocumentsMigrationTest {

    @TempDir
    Path directory;

    @Test
    void documents_written_with_their_text_are_searchable_by_reference_after_the_migration() throws SQLException {
        Path file = directory.resolve(SqliteDatabase.FILE_NAME);
        String url = "jdbc:sqlite:" + file;
        Flyway.configure(getClass().getClassLoader())
                .dataSource(url, null, null)
                .locations(SchemaMigrations.LOCATION)
                .target("5")
                .load()
                .migrate();
        String thread = UUID.randomUUID().toString();
        String project = UUID.randomUUID().toString();
        String turn = UUID.randomUUID().toString();
        String message = UUID.randomUUID().toString();
        String at = "2026-12-01T00:00:00Z";
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO projection_threads (thread_id, project_id, title, model, created_at,"
                    + " last_activity_at, stream_version) VALUES ('" + thread + "', '" + project
                    + "', 'Flaky login test', 'm', '" + at + "', '" + at + "', 0)");
            statement.execute("INSERT INTO projection_turns (turn_id, thread_id, ordinal, status, started_at)"
                    + " VALUES ('" + turn + "', '" + thread + "', 1, 'running', '" + at + "')");
            statement.execute("INSERT INTO projection_messages (message_id, thread_id, turn_id, ordinal, role, text,"
                    + " streaming, created_at, updated_at) VALUES ('" + message + "', '" + thread + "', '" + turn
                    + "', 1, 'user', 'please fix the flaky login test before the release', 0, '" + at + "', '" + at
                    + "')");
            statement.execute("INSERT INTO search_documents (doc_key, thread_id, project_id, turn_id, message_id,"
                    + " role, at, text) VALUES ('" + message + "', '" + thread + "', '" + project + "', '" + turn
                    + "', '" + message + "', 'user', '" + at
                    + "', 'please fix the flaky login test before the release')");
            statement.execute("INSERT INTO search_documents (doc_key, thread_id, project_id, at, text) VALUES ('"
                    + thread + "', '" + thread + "', '" + project + "', '" + at + "', 'Flaky login test')");
            statement.execute("INSERT INTO search_index (rowid, text) SELECT document_id, text FROM search_documents");
            statement.execute("DELETE FROM search_pending");
        }

        try (SqliteDatabase database = SqliteDatabase.open(file, SqliteOptions.defaults())) {
            List<SearchHit> hits = SqliteProjections.storage(database)
                    .search()
                    .search(SearchQuery.parse("flaky release"), SearchFilter.none());
            assertThat(hits).singleElement().satisfies(hit -> {
                assertThat(hit.messageId()).hasToString(message);
                assertThat(hit.snippet()).contains("[flaky]").contains("[release]");
            });
            assertThat(SqliteProjections.storage(database)
                            .search()
                            .search(SearchQuery.parse("login"), SearchFilter.none()))
                    .hasSize(2);
            assertThat(new SqliteMaintenance(database).integrityCheck().findings())
                    .containsExactly("ok");
        }
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT doc_key, text FROM search_documents ORDER BY doc_key")) {
            int documents = 0;
            while (rows.next()) {
                documents++;
                assertThat(rows.getString(2)).isEqualTo(rows.getString(1).equals(thread) ? "Flaky login test" : null);
            }
            assertThat(documents).isEqualTo(2);
        }
    }
}
