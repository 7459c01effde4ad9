package dev.threadline.postgres;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.flywaydb.core.Flyway;

/**
 * Decides what to do with the store's schema: create it, bring it up to date, leave it, or refuse
 * it (another program's tables, or a newer Threadline's schema), without writing anything when it
 * refuses. Flyway runs only when the schema is behind; it serialises nodes migrating at once.
 */
final class PostgresSchema {

    /** The highest migration version shipped with this program. */
    static final int LATEST_VERSION = 2;

    static final String LOCATION = "classpath:db/postgresql";

    private static final String HISTORY = "flyway_schema_history";

    private PostgresSchema() {}

    static void prepare(PostgresDatabase database) {
        PostgresLocation location = database.location();
        int version;
        try (Connection connection = database.borrow()) {
            version = inspect(location, connection);
        } catch (SQLException e) {
            throw PostgresErrors.translate(location, "open the store", e);
        }
        if (version == LATEST_VERSION) {
            return;
        }
        try {
            Flyway.configure(PostgresSchema.class.getClassLoader())
                    .dataSource(database.dataSource())
                    .schemas(location.schema())
                    .defaultSchema(location.schema())
                    .createSchemas(true)
                    .locations(LOCATION)
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw PostgresErrors.translate(location, "migrate the schema", e);
        }
    }

    /**
     * The schema version of the store, 0 when the schema is absent or empty.
     *
     * @throws StorageFailure when the schema belongs to something else or to a newer program
     */
    static int inspect(PostgresLocation location, Connection connection) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            query.setString(1, location.schema());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        if (tables.isEmpty() || (tables.equals(Set.of(HISTORY)) && version(location, connection) == 0)) {
            // Empty, or another node's Flyway has created the schema and its history and is still
            // applying the first migration: Flyway's lock makes this node wait for it.
            return 0;
        }
        if (!tables.contains(HISTORY) || !tables.contains("events")) {
            throw new StorageFailure(
                    Reason.CORRUPT,
                    "the schema '" + location.schema() + "' of " + location
                            + " holds tables of another program (it has no Threadline event log); it was left"
                            + " untouched (name another schema with ?schema=NAME)",
                    null);
        }
        int version = version(location, connection);
        if (version > LATEST_VERSION) {
            throw new StorageFailure(
                    Reason.SCHEMA_TOO_NEW,
                    location + " has schema version " + version + ", newer than the " + LATEST_VERSION
                            + " this program knows; use a newer Threadline (the store was left untouched)",
                    null);
        }
        return version;
    }

    /** The highest schema version applied, 0 when none. */
    static int version(PostgresLocation location, Connection connection) throws SQLException {
        int version = 0;
        String sql =
                SqlText.withIdentifier("SELECT version FROM ", location.schema(), "." + HISTORY + " WHERE success");
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String text = rows.getString(1);
                    if (text != null) {
                        try {
                            version = Math.max(version, Integer.parseInt(text.split("\\.")[0]));
                        } catch (NumberFormatException e) {
                            throw new StorageFailure(
                                    Reason.CORRUPT,
                                    location + " records an unreadable schema version '" + text + "'",
                                    e);
                        }
                    }
                }
            }
        }
        return version;
    }
}
