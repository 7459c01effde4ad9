package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.domain.store.UndecodableEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, creating and refusing database files, seen from outside the store as well. */
class SqliteDatabaseTest {

    private static final Instant AT = Instant.parse("2026-11-23T21:00:00.123456Z");

    @TempDir
    Path directory;

    private Path dbFile() {
        return directory.resolve(SqliteDatabase.FILE_NAME);
    }

    private static NewEvent setting(String key) {
        return NewEvent.of(new SettingChanged(key, "on", AT));
    }

    private static List<StoredEvent> replayAll(SqliteEventStore store) {
        try (Stream<StoredEvent> events = store.replayAll()) {
            return events.toList();
        }
    }

    /** A closed store holding this many events: enough of them make a file of many pages. */
    private static void createStoreWith(Path file, int events) {
        try (SqliteDatabase database = SqliteFiles.open(file)) {
            SqliteEventStore store = SqliteFiles.storeOn(database);
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                batch.add(setting("key.k" + i));
            }
            if (!batch.isEmpty()) {
                store.append(AppendBatch.of(batch));
            }
        }
    }

    private Set<String> filesInDirectory() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void another_connection_to_the_same_file_sees_an_event_as_soon_as_append_returns() throws SQLException {
        try (SqliteDatabase database = SqliteFiles.open(dbFile());
                Connection other = SqliteFiles.plainConnection(dbFile())) {
            SqliteEventStore store = SqliteFiles.storeOn(database);
            NewEvent event = setting("ui.theme");

            store.append(AppendBatch.of(event));

            try (PreparedStatement query =
                    other.prepareStatement("SELECT sequence, event_type FROM events WHERE event_id = ?")) {
                query.setString(1, event.eventId().toString());
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getLong(1)).isEqualTo(1);
                    assertThat(row.getString(2)).isEqualTo("SettingChanged");
                }
            }
        }
    }

    @Test
    void opening_creates_the_missing_parent_directories_and_the_file() {
        Path file = directory.resolve("a/b/c/threadline.db");

        try (SqliteDatabase database = SqliteFiles.open(file)) {
            assertThat(database.file()).isEqualTo(file.toAbsolutePath());
        }

        assertThat(directory.resolve("a/b/c")).isDirectory();
        assertThat(file).isRegularFile();
    }

    @Test
    void created_directories_and_the_database_file_are_private_to_their_owner() throws IOException {
        Path file = directory.resolve("a/b/c/threadline.db");

        SqliteFiles.open(file).close();

        for (String created : List.of("a", "a/b", "a/b/c")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(created))))
                    .as("permissions of %s", created)
                    .isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void the_writer_connection_uses_wal_foreign_keys_normal_sync_and_a_busy_timeout() throws SQLException {
        try (SqliteDatabase database = SqliteFiles.open(dbFile())) {
            assertThat(writerPragma(database, "journal_mode")).isEqualTo("wal");
            assertThat(writerPragma(database, "foreign_keys")).isEqualTo("1");
            assertThat(writerPragma(database, "synchronous")).isEqualTo("1");
            assertThat(writerPragma(database, "busy_timeout")).isEqualTo("10000");
        }
        try (Connection other = SqliteFiles.plainConnection(dbFile())) {
            assertThat(pragma(other, "journal_mode"))
                    .as("journal mode stored in the file")
                    .isEqualTo("wal");
        }
    }

    @Test
    void synchronous_full_is_used_when_configured() {
        SqliteOptions full = SqliteOptions.defaults()
                .withSynchronous(SqliteOptions.Synchronous.FULL)
                .withBusyTimeout(Duration.ofSeconds(3));

        try (SqliteDatabase database = SqliteDatabase.open(dbFile(), full)) {
            assertThat(writerPragma(database, "synchronous")).isEqualTo("2");
            assertThat(writerPragma(database, "busy_timeout")).isEqualTo("3000");
        }
    }

    private static String writerPragma(SqliteDatabase database, String name) {
        return database.withWriter(connection -> pragma(connection, name));
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    @Test
    void a_file_that_is_not_sqlite_is_refused_as_corrupt_and_left_unchanged() throws IOException {
        Path file = dbFile();
        byte[] text = "These are my notes, not a database.\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, text);

        assertThatThrownBy(() -> SqliteFiles.open(file))
                .isInstanceOfSatisfying(
                        StorageFailure.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining(file.toString());

        assertThat(SqliteFiles.bytesOf(file)).isEqualTo(text);
        assertThat(filesInDirectory()).containsExactly(SqliteDatabase.FILE_NAME);
    }

    @Test
    void a_sqlite_database_of_another_program_is_refused_and_left_unchanged() throws Exception {
        Path file = dbFile();
        try (Connection foreign = SqliteFiles.plainConnection(file);
                Statement statement = foreign.createStatement()) {
            statement.execute("CREATE TABLE x (id INTEGER PRIMARY KEY, note TEXT)");
            statement.execute("INSERT INTO x (note) VALUES ('mine')");
        }
        byte[] before = SqliteFiles.bytesOf(file);

        assertThatThrownBy(() -> SqliteFiles.open(file))
                .isInstanceOfSatisfying(
                        StorageFailure.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("another program");

        assertThat(SqliteFiles.bytesOf(file)).isEqualTo(before);
        assertThat(filesInDirectory()).containsExactly(SqliteDatabase.FILE_NAME);
    }

    @Test
    void a_database_with_a_newer_schema_is_refused_and_left_unchanged() throws Exception {
        Path file = dbFile();
        createStoreWith(file, 3);
        try (Connection connection = SqliteFiles.plainConnection(file)) {
            assertThat(requiredHistoryColumns(connection))
                    .as("the columns this test fills cover every column Flyway requires")
                    .isSubsetOf(
                            "installed_rank",
                            "version",
                            "description",
                            "type",
                            "script",
                            "checksum",
                            "installed_by",
                            "execution_time",
                            "success");
            int future = SchemaMigrations.LATEST_VERSION + 1;
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                        + " script, checksum, installed_by, execution_time, success)"
                        + " SELECT max(installed_rank) + 1, '" + future + "', 'from the future', 'SQL', 'V" + future
                        + "__from_the_future.sql', 12345, 'tomorrow', 7, 1 FROM flyway_schema_history");
            }
        }
        // Every connection is closed, so the WAL is checkpointed into the file and removed.
        assertThat(filesInDirectory()).containsExactly(SqliteDatabase.FILE_NAME);
        byte[] before = SqliteFiles.bytesOf(file);

        assertThatThrownBy(() -> SqliteFiles.open(file))
                .isInstanceOfSatisfying(
                        StorageFailure.class, e -> assertThat(e.reason()).isEqualTo(Reason.SCHEMA_TOO_NEW))
                .hasMessageContaining("schema version " + (SchemaMigrations.LATEST_VERSION + 1));

        assertThat(SqliteFiles.bytesOf(file)).isEqualTo(before);
    }

    /** The columns of Flyway's history table that are NOT NULL and have no default. */
    private static List<String> requiredHistoryColumns(Connection connection) throws SQLException {
        List<String> required = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet columns = statement.executeQuery("SELECT name FROM pragma_table_info('flyway_schema_history')"
                        + " WHERE \"notnull\" = 1 AND dflt_value IS NULL")) {
            while (columns.next()) {
                required.add(columns.getString(1));
            }
        }
        assertThat(required).isNotEmpty();
        return required;
    }

    @Test
    void undecodable_rows_do_not_stop_opening_are_skipped_by_reads_and_are_reported() throws Exception {
        Path file = dbFile();
        ProjectId project = ProjectId.next();
        NewEvent good = NewEvent.of(new ProjectCreated(project, "Threadline", "/src/threadline", AT));
        try (SqliteDatabase database = SqliteFiles.open(file)) {
            SqliteFiles.storeOn(database).append(AppendBatch.of(good));
        }
        try (Connection connection = SqliteFiles.plainConnection(file)) {
            insertRaw(connection, project.toString(), 1, "ProjectRenamed", "{not json");
            insertRaw(connection, "settings", 0, "Bogus", "{\"type\":\"Bogus\",\"at\":\"2026-11-23T21:00:00Z\"}");
        }

        try (SqliteDatabase database = SqliteFiles.open(file)) {
            SqliteEventStore store = SqliteFiles.storeOn(database);

            assertThat(replayAll(store)).extracting(StoredEvent::eventId).containsExactly(good.eventId());
            assertThat(store.readStream(project.toString()))
                    .extracting(StoredEvent::eventId)
                    .containsExactly(good.eventId());
            List<UndecodableEvent> undecodable = store.undecodableEvents();
            assertThat(undecodable)
                    .extracting(UndecodableEvent::sequence, UndecodableEvent::type)
                    .containsExactly(tuple(2L, "ProjectRenamed"), tuple(3L, "Bogus"));
            assertThat(undecodable).allSatisfy(row -> assertThat(row.reason()).isNotBlank());
            assertThat(undecodable.get(1).reason()).contains("Bogus");

            List<StoredEvent> next = store.append(AppendBatch.of(setting("after.damage")));
            assertThat(next).extracting(StoredEvent::sequence).containsExactly(4L);
        }
    }

    private static void insertRaw(Connection connection, String stream, long version, String type, String payload)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (event_id, stream_id,"
                + " stream_version, event_type, occurred_at, recorded_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, EventId.next().toString());
            insert.setString(2, stream);
            insert.setLong(3, version);
            insert.setString(4, type);
            insert.setString(5, AT.toString());
            insert.setString(6, AT.toString());
            insert.setString(7, payload);
            insert.executeUpdate();
        }
    }

    @Test
    void reopening_a_store_keeps_its_events() {
        Path file = dbFile();
        List<StoredEvent> stored;
        try (SqliteDatabase database = SqliteFiles.open(file)) {
            stored = SqliteFiles.storeOn(database).append(AppendBatch.of(setting("a.one"), setting("a.two")));
        }

        try (SqliteDatabase database = SqliteFiles.open(file)) {
            SqliteEventStore store = SqliteFiles.storeOn(database);
            assertThat(replayAll(store)).isEqualTo(stored);
            assertThat(store.lastSequence()).isEqualTo(2);
            assertThat(store.append(AppendBatch.of(setting("a.three"))))
                    .extracting(StoredEvent::sequence)
                    .containsExactly(3L);
        }
    }

    // A damaged file keeps a valid header whose page count exceeds the file's size: SQLite reports
    // SQLITE_CORRUPT on the very first read, which open() does while inspecting the schema.
    @Test
    void a_file_holding_only_the_first_100_bytes_of_a_store_is_refused_as_corrupt_on_open_and_left_unchanged()
            throws IOException {
        Path original = directory.resolve("original/threadline.db");
        createStoreWith(original, 2_000);
        byte[] head = Arrays.copyOf(SqliteFiles.bytesOf(original), 100);
        Path file = dbFile();
        Files.write(file, head);

        assertThatThrownBy(() -> SqliteFiles.open(file))
                .isInstanceOfSatisfying(
                        StorageFailure.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("damaged");

        assertThat(SqliteFiles.bytesOf(file)).isEqualTo(head);
    }

    @Test
    void a_store_truncated_to_half_its_pages_is_refused_as_corrupt_on_open_and_left_unchanged() throws IOException {
        Path original = directory.resolve("original/threadline.db");
        createStoreWith(original, 2_000);
        byte[] whole = SqliteFiles.bytesOf(original);
        int pageSize = ((whole[16] & 0xFF) << 8) | (whole[17] & 0xFF); // the header's page size
        assertThat(whole.length / pageSize).as("pages in the original").isGreaterThan(10);
        byte[] half = Arrays.copyOf(whole, whole.length / pageSize / 2 * pageSize);
        Path file = dbFile();
        Files.write(file, half);

        assertThatThrownBy(() -> SqliteFiles.open(file))
                .isInstanceOfSatisfying(
                        StorageFailure.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("damaged");

        assertThat(SqliteFiles.bytesOf(file)).isEqualTo(half);
    }

    @Test
    void a_writer_waits_for_a_held_lock_about_the_busy_timeout_and_then_says_it_is_locked() throws Exception {
        SqliteFiles.open(dbFile()).close();
        Duration timeout = Duration.ofMillis(1_000);
        try (Connection holder = SqliteFiles.plainConnection(dbFile());
                Statement lock = holder.createStatement();
                SqliteDatabase database =
                        SqliteDatabase.open(dbFile(), SqliteOptions.defaults().withBusyTimeout(timeout))) {
            lock.execute("BEGIN EXCLUSIVE");
            SqliteEventStore store = SqliteFiles.storeOn(database);
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.append(AppendBatch.of(setting("locked.out"))))
                    .isInstanceOfSatisfying(
                            StorageFailure.class, e -> assertThat(e.reason()).isEqualTo(StorageFailure.Reason.LOCKED));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            // It waits the timeout once, not once per retry (it used to wait three times as long).
            assertThat(waited)
                    .isBetween(timeout.minusMillis(100), timeout.multipliedBy(5).dividedBy(2));
            lock.execute("ROLLBACK");
        }
    }
}
