package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema a freshly opened store has, read from SQLite's own catalogue. */
class SchemaTest {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.+\\.sql");

    @TempDir
    Path directory;

    private Path file;

    /** An index of the schema: its name, table, uniqueness and columns in order. */
    private record Index(String name, String table, boolean unique, List<String> columns) {}

    @BeforeEach
    void createStore() {
        file = directory.resolve(SqliteDatabase.FILE_NAME);
        SqliteFiles.open(file).close();
    }

    private Set<String> names(String kind) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection connection = SqliteFiles.plainConnection(file);
                PreparedStatement query =
                        connection.prepareStatement("SELECT name FROM sqlite_master WHERE type = ?")) {
            query.setString(1, kind);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private List<Index> indexes() throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (Connection connection = SqliteFiles.plainConnection(file)) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement list =
                                connection.prepareStatement("SELECT name, \"unique\" FROM pragma_index_list(?)");
                        PreparedStatement info =
                                connection.prepareStatement("SELECT name FROM pragma_index_info(?) ORDER BY seqno")) {
                    list.setString(1, table);
                    try (ResultSet rows = list.executeQuery()) {
                        while (rows.next()) {
                            String name = rows.getString(1);
                            List<String> columns = new ArrayList<>();
                            info.setString(1, name);
                            try (ResultSet cols = info.executeQuery()) {
                                while (cols.next()) {
                                    columns.add(cols.getString(1));
                                }
                            }
                            indexes.add(new Index(name, table, rows.getInt(2) == 1, columns));
                        }
                    }
                }
            }
        }
        return indexes;
    }

    @Test
    void every_table_of_the_design_exists() throws SQLException {
        assertThat(names("table"))
                .contains(
                        "events",
                        "projection_projects",
                        "projection_threads",
                        "projection_turns",
                        "projection_messages",
                        "checkpoints",
                        "settings",
                        "projector_positions",
                        "command_receipts");
    }

    @Test
    void the_named_read_model_indexes_exist() throws SQLException {
        assertThat(names("index")).contains("idx_turns_thread", "idx_messages_turn");
        assertThat(indexes())
                .filteredOn(index -> index.name().equals("idx_turns_thread"))
                .singleElement()
                .satisfies(index -> {
                    assertThat(index.table()).isEqualTo("projection_turns");
                    assertThat(index.columns()).first().isEqualTo("thread_id");
                });
        assertThat(indexes())
                .filteredOn(index -> index.name().equals("idx_messages_turn"))
                .singleElement()
                .satisfies(index -> {
                    assertThat(index.table()).isEqualTo("projection_messages");
                    assertThat(index.columns()).first().isEqualTo("turn_id");
                });
    }

    @Test
    void the_event_log_has_unique_keys_on_event_id_and_on_stream_id_with_stream_version() throws SQLException {
        List<Index> unique = indexes().stream()
                .filter(index -> index.table().equals("events") && index.unique())
                .toList();

        assertThat(unique)
                .extracting(Index::columns)
                .contains(List.of("event_id"), List.of("stream_id", "stream_version"));
    }

    @Test
    void no_index_starts_with_the_sequence_column_that_is_already_the_primary_key() throws SQLException {
        List<Index> indexes = indexes();

        assertThat(indexes).isNotEmpty();
        assertThat(indexes)
                .allSatisfy(index -> assertThat(index.columns())
                        .as("columns of index %s", index.name())
                        .isNotEmpty()
                        .first()
                        .isNotEqualTo("sequence"));
    }

    @Test
    void sequence_is_an_autoincrement_integer_primary_key_so_positions_are_never_reused() throws SQLException {
        String sql;
        try (Connection connection = SqliteFiles.plainConnection(file);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'");
                ResultSet row = query.executeQuery()) {
            assertThat(row.next()).isTrue();
            sql = row.getString(1);
        }

        assertThat(sql)
                .containsPattern(Pattern.compile(
                        "\\bsequence\\s+INTEGER\\s+PRIMARY\\s+KEY\\s+AUTOINCREMENT\\b", Pattern.CASE_INSENSITIVE));
        assertThat(names("table")).contains("sqlite_sequence");
    }

    @Test
    void the_latest_version_known_to_the_code_is_the_highest_migration_file() throws IOException {
        // Tests run in the module's directory.
        Path migrations = Path.of("src", "main", "resources", "db", "migration");
        List<Integer> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(migrations)) {
            files.map(path -> MIGRATION.matcher(path.getFileName().toString()))
                    .filter(Matcher::matches)
                    .forEach(match -> versions.add(Integer.parseInt(match.group(1))));
        }

        assertThat(versions).isNotEmpty();
        assertThat(SchemaMigrations.LATEST_VERSION)
                .isEqualTo(versions.stream().max(Integer::compare).orElseThrow());
    }
}
