package dev.threadline.sqlite;

import dev.threadline.json.Timestamps;
import dev.threadline.sqlite.ReadModelRowMapping.RowReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs statements prepared once on the writer connection (see {@link SqliteDatabase#prepared}),
 * with positional values: booleans as 0/1, numbers as integers, anything else as its text.
 */
final class KeptStatements {

    private final SqliteDatabase database;

    KeptStatements(SqliteDatabase database) {
        this.database = database;
    }

    /** Reads a statement's rows, inside the caller's transaction when there is one. */
    <T> T query(String statementSql, Rows<T> read, Object... values) {
        return database.withWriter(connection -> {
            PreparedStatement statement = database.prepared(statementSql);
            bind(statement, values);
            try (ResultSet rows = statement.executeQuery()) {
                return read.read(rows);
            }
        });
    }

    /** The first row, mapped, if any. */
    <T> Optional<T> first(String statementSql, RowReader<T> map, Object... values) {
        return query(statementSql, rows -> rows.next() ? Optional.of(map.read(rows)) : Optional.<T>empty(), values);
    }

    /** Every row, mapped. */
    <T> List<T> list(String statementSql, RowReader<T> map, Object... values) {
        return query(statementSql, rows -> all(rows, map), values);
    }

    /** Runs an update, inside the caller's transaction when there is one. */
    void update(String statementSql, Object... values) {
        database.withWriter(connection -> {
            PreparedStatement statement = database.prepared(statementSql);
            bind(statement, values);
            return statement.executeUpdate();
        });
    }

    /** One batch of the same statement; a failure leaves nothing pending on the kept statement. */
    void batch(String statementSql, List<Object[]> rows) throws SQLException {
        PreparedStatement statement = database.prepared(statementSql);
        try {
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException | RuntimeException e) {
            statement.clearBatch();
            throw e;
        }
    }

    /** Maps every remaining row of a result set. */
    static <T> List<T> all(ResultSet rows, RowReader<T> map) throws SQLException {
        List<T> found = new ArrayList<>();
        while (rows.next()) {
            found.add(map.read(rows));
        }
        return found;
    }

    static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Boolean flag) {
                statement.setInt(i + 1, flag ? 1 : 0);
            } else if (value instanceof Number number) {
                statement.setLong(i + 1, number.longValue());
            } else if (value instanceof Instant instant) {
                statement.setString(i + 1, Timestamps.format(instant));
            } else {
                statement.setString(i + 1, value == null ? null : value.toString());
            }
        }
    }

    /** Reads a whole result set. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }
}
