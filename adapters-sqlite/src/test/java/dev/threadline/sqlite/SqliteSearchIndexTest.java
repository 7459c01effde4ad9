package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.port.SearchIndexContract;
import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.application.search.SearchDocument;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SqliteSearchIndexTest extends SearchIndexContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }

    private final ThreadId chat = ThreadId.next();
    private final ProjectId project = ProjectId.next();
    private final TurnId turn = TurnId.next();

    private void index(MessageId id, String text) {
        search().index(SearchDocument.message(chat, project, turn, id, Role.USER, AT, text));
    }

    @Test
    void the_full_text_index_matches_the_documents_after_inserts_updates_deletes_and_rolled_back_savepoints()
            throws SQLException {
        MessageId kept = MessageId.next();
        MessageId replaced = MessageId.next();
        MessageId undone = MessageId.next();
        inTransaction(() -> {
            index(kept, "alpha bravo");
            index(replaced, "charlie delta");
            index(replaced, "echo foxtrot"); // inserted and replaced before any commit
        });
        inTransaction(() -> {
            index(replaced, "golf hotel"); // replaces what the index holds
            assertThatThrownBy(() -> storage.projections().transactions().inSavepoint(() -> {
                        index(undone, "india juliet");
                        index(kept, "kilo lima");
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            index(MessageId.next(), "mike november");
        });
        inTransaction(() -> {
            search().removeThread(chat);
            index(kept, "oscar papa"); // a document deleted, then written again under its key
        });

        assertThat(hits("alpha OR charlie OR echo OR india OR kilo OR golf OR mike"))
                .isZero();
        assertThat(hits("oscar")).isEqualTo(1);
        assertIndexMatchesDocuments();
    }

    @Test
    void a_rebuild_empties_and_refills_the_index_in_one_transaction() throws SQLException {
        inTransaction(() -> {
            for (int i = 0; i < 50; i++) {
                index(MessageId.next(), "document number " + i);
            }
        });
        inTransaction(() -> {
            writer().clear();
            index(MessageId.next(), "the only document left");
        });
        assertThat(hits("document")).isEqualTo(1);
        assertIndexMatchesDocuments();
    }

    @Test
    void a_rolled_back_savepoint_gives_back_the_documents_kept_before_it_even_after_writing_them_out()
            throws SQLException {
        MessageId first = MessageId.next();
        MessageId second = MessageId.next();
        inTransaction(() -> {
            index(first, "quebec romeo");
            assertThatThrownBy(() -> storage.projections().transactions().inSavepoint(() -> {
                        index(first, "sierra tango");
                        for (int i = 0; i < 5_000; i++) { // past the limit: the kept documents are written out
                            index(MessageId.next(), "uniform victor " + i);
                        }
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            storage.projections().transactions().inSavepoint(() -> {
                index(second, "whiskey xray");
                assertThatThrownBy(() -> storage.projections().transactions().inSavepoint(() -> {
                            index(second, "yankee zulu");
                            index(first, "yankee zulu");
                            throw new IllegalStateException("inner");
                        }))
                        .hasMessage("inner");
                return null;
            });
        });

        assertThat(hits("quebec")).isEqualTo(1);
        assertThat(hits("whiskey")).isEqualTo(1);
        assertThat(hits("sierra OR uniform OR yankee")).isZero();
        assertIndexMatchesDocuments();
    }

    @Test
    void compaction_merges_the_index_written_one_transaction_at_a_time_into_fewer_rows() throws SQLException {
        for (int i = 0; i < 40; i++) {
            int number = i;
            inTransaction(() -> index(MessageId.next(), "entry number " + number + " of the log"));
        }
        long before = indexRows();

        storage.maintenance().compact();

        assertThat(indexRows()).isLessThan(before);
        assertThat(hits("0")).isEqualTo(1);
        assertThat(hits("39")).isEqualTo(1);
        assertIndexMatchesDocuments();
    }

    /** Rows of the full-text index's own table: its segments' pages and its bookkeeping. */
    private long indexRows() throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteDatabase.FILE_NAME));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM search_index_data")) {
            return rows.getLong(1);
        }
    }

    private int hits(String query) {
        return search().search(SearchQuery.parse(query), SearchFilter.none()).size();
    }

    /** FTS5's own check of an external-content index against its documents, and no note left. */
    private void assertIndexMatchesDocuments() throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteDatabase.FILE_NAME));
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM search_pending")) {
                assertThat(rows.getLong(1)).isZero();
            }
        }
    }
}
