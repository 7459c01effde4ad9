package dev.threadline.sqlite;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * Decides what to do with a database file's schema: create it, bring it up to date, leave it, or
 * refuse it. Flyway runs only when the schema is behind, so opening a current store stays cheap.
 */
final class SchemaMigrations {

    /** The highest migration version shipped with this program (a test checks it against the files). */
    static final int LATEST_VERSION = 7;

    static final String LOCATION = "classpath:db/migration";

    private static final String HISTORY = "flyway_schema_history";

    private SchemaMigrations() {}

    /** What a file holds, found without changing it. */
    enum State {
        EMPTY,
        BEHIND,
        CURRENT
    }

    /**
     * Inspects the schema through a connection that must not write.
     *
     * @throws StorageFailure when the file belongs to something else or to a newer program
     */
    static State inspect(Path file, Connection connection) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        if (tables.isEmpty()) {
            return State.EMPTY;
        }
        if (!tables.contains(HISTORY) || !tables.contains("events")) {
            throw new StorageFailure(
                    Reason.CORRUPT,
                    file + " is a SQLite database of another program (it has no Threadline event log); it was left"
                            + " untouched",
                    null);
        }
        int version = version(file, connection);
        if (version > LATEST_VERSION) {
            throw new StorageFailure(
                    Reason.SCHEMA_TOO_NEW,
                    file + " has schema version " + version + ", newer than the " + LATEST_VERSION
                            + " this program knows; use a newer Threadline (the file was left untouched)",
                    null);
        }
        return version == LATEST_VERSION ? State.CURRENT : State.BEHIND;
    }

    /** The highest schema version successfully applied to a Threadline database, 0 when none. */
    static int version(Path file, Connection connection) throws SQLException {
        int version = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM " + HISTORY + " WHERE success = 1")) {
            while (rows.next()) {
                version = Math.max(version, parseVersion(file, rows.getString(1)));
            }
        }
        return version;
    }

    private static int parseVersion(Path file, String text) {
        if (text == null) {
            return 0; // Flyway's baseline and repeatable rows carry no version
        }
        try {
            return Integer.parseInt(text.split("\\.")[0]);
        } catch (NumberFormatException e) {
            throw new StorageFailure(Reason.CORRUPT, file + " records an unreadable schema version '" + text + "'", e);
        }
    }

    /**
     * Inspects the schema of a file through a read-only connection of its own.
     *
     * @throws StorageFailure when the file cannot be read, belongs to something else or to a newer
     *     program
     */
    static State inspect(Path file, SqliteOptions options) {
        try (Connection inspector =
                ConnectionSettings.readOnly(options).createConnection(ConnectionSettings.url(file))) {
            return inspect(file, inspector);
        } catch (SQLException e) {
            throw SqliteErrors.translate(file, "open the database", e);
        }
    }

    /**
     * Applies every pending migration to a file. When the migration fails because another process
     * migrated the same file at the same moment, its work is accepted.
     */
    static void migrate(Path file, SqliteOptions options) throws SQLException {
        String url = ConnectionSettings.url(file);
        SQLiteDataSource dataSource = new SQLiteDataSource(ConnectionSettings.writer(options));
        dataSource.setUrl(url);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            try (Connection check = ConnectionSettings.readOnly(options).createConnection(url)) {
                if (inspect(file, check) == State.CURRENT) {
                    return;
                }
            }
            throw SqliteErrors.translate(file, "migrate the schema", e);
        }
    }

    /** Applies every pending migration. */
    static void migrate(DataSource dataSource) {
        Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .cleanDisabled(true)
                .load()
                .migrate();
    }
}
