package dev.threadline.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Query results streamed through a server-side cursor (fetched 1,000 rows at a time), in constant
 * memory. A stream on a connection of its own runs in a read-only transaction that ends, and hands
 * the connection back, when the stream is closed; a stream on a caller's connection leaves it as
 * it was. Rows the mapper turns into {@code null} are left out.
 */
final class RowStreams {

    private static final int FETCH_SIZE = 1_000;

    private final PostgresLocation location;

    RowStreams(PostgresLocation location) {
        this.location = location;
    }

    /**
     * The rows of a query.
     *
     * @param own whether the stream owns the connection (and releases it when closed)
     */
    <T> Stream<T> stream(Connection connection, boolean own, String sql, RowReader<T> map, Object... values) {
        PreparedStatement statement = null;
        try {
            if (own) {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
            }
            statement = connection.prepareStatement(sql);
            statement.setFetchSize(FETCH_SIZE);
            SqlText.bind(statement, values);
            ResultSet rows = statement.executeQuery();
            PreparedStatement query = statement;
            return StreamSupport.stream(rows(rows, map), false).onClose(() -> {
                try {
                    query.close();
                } catch (SQLException e) {
                    throw PostgresErrors.translate(location, "read", e);
                } finally {
                    if (own) {
                        endReader(connection);
                    }
                }
            });
        } catch (SQLException | RuntimeException e) {
            try {
                if (statement != null) {
                    statement.close();
                }
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (own) {
                endReader(connection);
            }
            throw e instanceof SQLException failure
                    ? PostgresErrors.translate(location, "read", failure)
                    : (RuntimeException) e;
        }
    }

    private <T> Spliterator<T> rows(ResultSet rows, RowReader<T> map) {
        return new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                try {
                    while (rows.next()) {
                        T row = map.read(rows);
                        if (row != null) {
                            action.accept(row);
                            return true;
                        }
                    }
                    return false;
                } catch (SQLException e) {
                    throw PostgresErrors.translate(location, "read", e);
                }
            }
        };
    }

    private static void endReader(Connection connection) {
        try {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The connection goes back to the pool, which discards a broken one.
        } finally {
            PostgresConnections.release(connection);
        }
    }
}
