package dev.threadline.postgres;

import dev.threadline.json.Timestamps;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** How values and identifiers reach the statements the adapter runs. */
final class SqlText {

    private SqlText() {}

    /**
     * A statement naming an identifier of this program's own making (a schema or channel name
     * checked by {@link PostgresLocation}), double-quoted; never a value from a user's data.
     */
    static String withIdentifier(String before, String identifier, String after) {
        return before + "\"" + identifier.replace("\"", "\"\"") + "\"" + after;
    }

    /**
     * Statements of this program's own text, each with its own parameters, joined into one text
     * that the server runs in one round trip; no value from a user's data is ever part of them.
     */
    static String script(List<String> statements) {
        return String.join(";\n", statements);
    }

    /** Binds values: text, arrays of text, numbers, flags as booleans, instants and ids as their text, nulls. */
    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        bindFrom(statement, 1, values);
    }

    /** Binds values from the given parameter index on; returns the index after the last. */
    static int bindFrom(PreparedStatement statement, int first, Object... values) throws SQLException {
        int index = first;
        for (Object value : values) {
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof Integer number) {
                statement.setLong(index, number);
            } else if (value instanceof Boolean flag) {
                statement.setBoolean(index, flag);
            } else if (value instanceof String[] texts) {
                statement.setArray(index, statement.getConnection().createArrayOf("text", texts));
            } else if (value instanceof Instant instant) {
                statement.setString(index, Timestamps.format(instant));
            } else {
                statement.setString(index, value.toString());
            }
            index++;
        }
        return index;
    }
}
