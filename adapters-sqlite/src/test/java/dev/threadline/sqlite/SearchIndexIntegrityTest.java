package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.port.Maintenance;
import dev.threadline.application.search.SearchDocument;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's integrity check runs FTS5's own check of the search index against its documents. */
class SearchIndexIntegrityTest {

    @TempDir
    Path directory;

    @Test
    void an_index_that_agrees_with_its_documents_passes_and_one_that_does_not_is_reported() {
        try (SqliteDatabase database =
                SqliteDatabase.open(directory.resolve(SqliteDatabase.FILE_NAME), SqliteOptions.defaults())) {
            var search = SqliteProjections.storage(database).search();
            Maintenance maintenance = new SqliteMaintenance(database);
            ThreadId thread = ThreadId.next();
            ProjectId project = ProjectId.next();
            database.inTransaction(connection -> {
                search.index(SearchDocument.message(
                        thread, project, TurnId.next(), MessageId.next(), Role.USER, Instant.now(), "indexed words"));
                return null;
            });

            assertThat(maintenance.integrityCheck().findings()).containsExactly("ok");

            // A document written past the triggers: the index no longer holds what it indexes.
            database.withWriter(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TRIGGER search_documents_inserted");
                    statement.execute("INSERT INTO search_documents (doc_key, thread_id, project_id, at, text)"
                            + " VALUES ('" + ThreadId.next() + "', '" + thread + "', '" + project
                            + "', '2026-12-01T00:00:00Z', 'never indexed')");
                }
                return null;
            });

            Maintenance.Integrity check = maintenance.integrityCheck();
            assertThat(check.sound()).isFalse();
            assertThat(check.findings())
                    .singleElement()
                    .asString()
                    .startsWith("the search index does not match the documents it indexes");
        }
    }
}
