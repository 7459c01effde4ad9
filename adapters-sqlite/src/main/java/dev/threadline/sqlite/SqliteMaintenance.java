package dev.threadline.sqlite;

import dev.threadline.application.port.Maintenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Care of a SQLite database file: {@code PRAGMA integrity_check}, backups by {@code VACUUM INTO}
 * (a consistent online copy) checked on a connection of their own, compaction by merging the full-text index and {@code VACUUM};
 * these run on the writer connection, outside a transaction, so they wait for other writers as a
 * write transaction does. Sizes come from the page counts, the {@code dbstat} table and a scan of
 * the log, each in one read transaction on a read-only connection of its own: they never write
 * and never wait for a writer.
 */
public final class SqliteMaintenance implements Maintenance {

    private final SqliteDatabase database;

    /** @param database the open database */
    public SqliteMaintenance(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public boolean onServer() {
        return false;
    }

    @Override
    public String location() {
        return database.file().toString();
    }

    @Override
    public int schemaVersion() {
        return database.withWriter(connection -> SchemaMigrations.version(database.file(), connection));
    }

    @Override
    public Integrity integrityCheck() {
        return new Integrity(database.withWriter(connection -> {
            List<String> findings = integrityCheck(connection);
            String search = searchIndexCheck(connection);
            if (search == null) {
                return findings;
            }
            List<String> all = new ArrayList<>(findings);
            all.remove("ok");
            all.add(search);
            return all;
        }));
    }

    /**
     * FTS5's own check of the search index, against the documents it indexes: null when they
     * agree, else what is wrong, in one sentence. It reads only, though FTS5 takes it as an insert.
     */
    private static String searchIndexCheck(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + SearchStatements.INDEX + " (" + SearchStatements.INDEX
                    + ", rank) VALUES ('integrity-check', 1)");
            return null;
        } catch (SQLException e) {
            return "the search index does not match the documents it indexes (FTS5 integrity-check: " + e.getMessage()
                    + "); 'projections rebuild' rebuilds it";
        }
    }

    @Override
    public Integrity backup(Path target) {
        boolean existed = Files.exists(target);
        database.withWriter(connection -> {
            try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, target.toString());
                vacuum.execute();
            } catch (SQLException e) {
                // A copy that failed half-way (a full disk) is no backup: it does not stay behind.
                if (!existed) {
                    try {
                        Files.deleteIfExists(target);
                    } catch (IOException ignored) {
                        // the failure below is what the caller hears of
                    }
                }
                throw SqliteErrors.translate(target, "write the backup", e);
            }
            return null;
        });
        try (Connection copy = database.openReader(target)) {
            return new Integrity(integrityCheck(copy));
        } catch (SQLException e) {
            throw SqliteErrors.translate(target, "check the backup", e);
        }
    }

    @Override
    public Size size() {
        return read("measure the store", connection -> {
            long pageSize = pragma(connection, "PRAGMA page_size");
            long bytes = pragma(connection, "PRAGMA page_count") * pageSize;
            long free = pragma(connection, "PRAGMA freelist_count") * pageSize;
            return new Size(bytes, free, tables(connection));
        });
    }

    @Override
    public OptionalLong availableBytes() {
        try {
            return OptionalLong.of(Files.getFileStore(database.file()).getUsableSpace());
        } catch (IOException e) {
            return OptionalLong.empty(); // a file system that cannot tell
        }
    }

    /**
     * Each stream's event count and bytes. Bytes of an event: its text fields' UTF-8 bytes ({@code
     * octet_length}; SQLite's {@code length} counts characters), plus 8 each for its sequence and
     * version.
     */
    private static final String STREAM_SIZES = "SELECT stream_id, count(*), sum(16 + octet_length(event_id)"
            + " + octet_length(stream_id) + octet_length(event_type) + octet_length(occurred_at)"
            + " + octet_length(recorded_at) + coalesce(octet_length(command_id), 0)"
            + " + coalesce(octet_length(causation_id), 0) + coalesce(octet_length(correlation_id), 0)"
            + " + octet_length(payload)) FROM events GROUP BY stream_id";

    @Override
    public List<StreamSize> streamSizes() {
        return read("measure the log", connection -> {
            List<StreamSize> sizes = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(STREAM_SIZES)) {
                while (rows.next()) {
                    sizes.add(new StreamSize(rows.getString(1), rows.getLong(2), rows.getLong(3)));
                }
            }
            return sizes;
        });
    }

    /** Runs reads in one read transaction on a read-only connection of their own. */
    private <T> T read(String doing, SqlWork<T> work) {
        try (Connection connection = database.openReader()) {
            connection.setAutoCommit(false); // one snapshot for every statement of the work
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate(database.file(), doing, e);
        }
    }

    @Override
    public Compaction compact() {
        long before = bytes();
        database.withWriter(connection -> {
            try (Statement statement = connection.createStatement()) {
                // The full-text index grows a segment a transaction and merges them lazily:
                // merged into one, it takes fewer pages, and VACUUM then gives those back.
                statement.execute("INSERT INTO search_index (search_index) VALUES ('optimize')");
                statement.execute("VACUUM");
            }
            return null;
        });
        return new Compaction(before, bytes());
    }

    /** The database's size: its pages. */
    private long bytes() {
        return read(
                "measure the store",
                connection -> pragma(connection, "PRAGMA page_count") * pragma(connection, "PRAGMA page_size"));
    }

    /** The one number a statement answers: a constant {@code PRAGMA}, a count. */
    private static long pragma(Connection connection, String statementSql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(statementSql)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** Each table's pages (its indexes included) from {@code dbstat}, and its row count. */
    private List<TableSize> tables(Connection connection) throws SQLException {
        List<TableSize> tables = new ArrayList<>();
        List<Object[]> pages = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT s.tbl_name, sum(d.pgsize) FROM dbstat d"
                        + " JOIN sqlite_schema s ON s.name = d.name WHERE s.tbl_name NOT LIKE 'sqlite_%'"
                        + " GROUP BY s.tbl_name")) {
            while (rows.next()) {
                pages.add(new Object[] {rows.getString(1), rows.getLong(2)});
            }
        } catch (SQLException e) {
            return List.of(); // a SQLite built without dbstat cannot tell cheaply
        }
        for (Object[] table : pages) {
            String name = (String) table[0];
            // The name is the schema's own; every table is counted, the full-text index's too.
            tables.add(new TableSize(name, (Long) table[1], pragma(connection, countRows(name))));
        }
        tables.sort(Comparator.comparingLong(TableSize::bytes).reversed().thenComparing(TableSize::name));
        return tables;
    }

    /** Counts a table's rows, its name quoted as an identifier. */
    private static String countRows(String table) {
        return "SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"";
    }

    private static List<String> integrityCheck(Connection connection) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        }
        return result;
    }
}
