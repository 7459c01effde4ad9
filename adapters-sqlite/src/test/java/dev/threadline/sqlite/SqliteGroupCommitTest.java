package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.GroupCommitContract;
import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;

class SqliteGroupCommitTest extends GroupCommitContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }

    /**
     * After every scenario (refusals rolled back to their savepoints, failed commits, many threads
     * at once), the full-text index holds exactly the committed search documents, and no note of a
     * pending document is left: FTS5's own check of an external-content index against its table.
     */
    @AfterEach
    void theFullTextIndexMatchesTheDocuments() throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteDatabase.FILE_NAME));
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM search_pending")) {
                assertThat(rows.getLong(1)).isZero();
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM search_documents")) {
                assertThat(rows.getLong(1)).isPositive();
            }
        }
    }
}
