package dev.threadline.postgres;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes of a write transaction whose outcome no caller reads (inserts, upserts and updates by
 * key), kept in order until the transaction next talks to the server and then sent in the same
 * round trip as the statement that needed them, as one multi-statement text. PostgreSQL runs the
 * statements of one text in order, each with a snapshot of its own, so every statement sees the
 * writes queued before it, as if each had been run at once; a write that fails, fails the
 * statement that carried it. A run of one plain {@code INSERT} repeated (a batch of events) goes as
 * one JDBC batch, which pgjdbc rewrites as a multi-row insert.
 *
 * <p>A read whose rows the transaction takes in whenever it is sent (the writer lock's) can be
 * queued the same way, with a {@link ResultReader}.
 *
 * <p>Text PostgreSQL cannot store (a NUL character) is refused when the write is queued, as it
 * would have been refused when run.
 */
final class PendingWrites {

    /** How many statements one multi-statement text carries at most. */
    private static final int MAX_STATEMENTS = 200;

    private final List<String> statements = new ArrayList<>();
    private final List<Object[]> values = new ArrayList<>();
    /** For each queued statement, what reads its rows once it ran, or null for a write. */
    private final List<ResultReader> readers = new ArrayList<>();
    /** How many writes were queued and then sent or dropped: the position of the first queued one. */
    private long consumed;

    boolean isEmpty() {
        return statements.isEmpty();
    }

    /** Queues a write. */
    void add(String sql, Object... row) {
        check(row);
        statements.add(sql);
        values.add(row);
        readers.add(null);
    }

    /** What takes in the rows of a queued read once it ran. */
    @FunctionalInterface
    interface ResultReader {
        void read(ResultSet rows) throws SQLException;
    }

    /** Queues a read whose rows {@code reader} takes in when it is sent. */
    void addRead(String sql, ResultReader reader, Object... row) {
        check(row);
        statements.add(sql);
        values.add(row);
        readers.add(reader);
    }

    /** Queues writes of one statement: all of them, or none when one cannot be stored. */
    void addAll(String sql, List<Object[]> rows) {
        for (Object[] row : rows) {
            check(row);
        }
        for (Object[] row : rows) {
            statements.add(sql);
            values.add(row);
            readers.add(null);
        }
    }

    private static void check(Object[] row) {
        for (Object value : row) {
            if (value instanceof String text && text.indexOf('\0') >= 0) {
                throw new StorageFailure(
                        Reason.ENCODING,
                        "could not write: PostgreSQL cannot store the text (it holds a NUL character, U+0000,"
                                + " which PostgreSQL text refuses)",
                        null);
            }
        }
    }

    /** Forgets the queued writes (their savepoint or transaction rolled back). */
    void clear() {
        consumed += statements.size();
        statements.clear();
        values.clear();
        readers.clear();
    }

    /** The position the next queued write will have, counted over the transaction. */
    long position() {
        return consumed + statements.size();
    }

    /** Whether the write queued at a {@link #position} has been sent (or dropped). */
    boolean consumed(long position) {
        return position < consumed;
    }

    /** Drops the queued writes from a position on, which must not have been sent. */
    void dropFrom(long position) {
        int from = Math.toIntExact(position - consumed);
        statements.subList(from, statements.size()).clear();
        values.subList(from, values.size()).clear();
        readers.subList(from, readers.size()).clear();
    }

    /** Removes the statement queued at a {@link #position}, which must not have been sent. */
    void removeAt(long position) {
        int at = Math.toIntExact(position - consumed);
        statements.remove(at);
        values.remove(at);
        readers.remove(at);
    }

    /**
     * A statement prepared after the statements it carries, where its own bind values start, and
     * the readers of the carried statements (null for a write).
     */
    record Carrier(PreparedStatement statement, int firstIndex, List<ResultReader> leading) {

        /** Runs the text: the carried reads are taken in, the writes' results passed over. */
        boolean execute() throws SQLException {
            boolean result = statement.execute();
            for (ResultReader reader : leading) {
                take(statement, reader);
                result = statement.getMoreResults();
            }
            return result;
        }
    }

    /** Hands the current result of a statement to its reader, if it has one. */
    private static void take(PreparedStatement statement, ResultReader reader) throws SQLException {
        if (reader != null) {
            try (ResultSet rows = statement.getResultSet()) {
                reader.read(rows);
            }
        }
    }

    /**
     * Prepares {@code sql} to run after the queued writes: in one text with them when they fit,
     * else after sending them first. The queue is empty afterwards.
     */
    Carrier prepareAfter(Connection connection, String sql) throws SQLException {
        if (statements.isEmpty()) {
            return new Carrier(connection.prepareStatement(sql), 1, List.of());
        }
        if (statements.size() >= MAX_STATEMENTS || insertRun(0) > 1) {
            send(connection);
            return new Carrier(connection.prepareStatement(sql), 1, List.of());
        }
        List<String> script = new ArrayList<>(statements);
        script.add(sql);
        PreparedStatement statement = connection.prepareStatement(SqlText.script(script));
        int index = 1;
        try {
            for (Object[] row : values) {
                index = SqlText.bindFrom(statement, index, row);
            }
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        List<ResultReader> carried = new ArrayList<>(readers);
        clear();
        return new Carrier(statement, index, carried);
    }

    /** What a caller takes from a statement once it ran. */
    @FunctionalInterface
    interface ResultHandler<T> {
        T take(PreparedStatement statement) throws SQLException;
    }

    /** Runs {@code sql} after the queued writes (see {@link #prepareAfter}) and takes its result. */
    <T> T runAfter(Connection connection, String sql, Object[] bindValues, ResultHandler<T> handler)
            throws SQLException {
        Carrier carrier = prepareAfter(connection, sql);
        try (PreparedStatement statement = carrier.statement()) {
            SqlText.bindFrom(statement, carrier.firstIndex(), bindValues);
            carrier.execute();
            return handler.take(statement);
        }
    }

    /** Sends the queued statements, in as few round trips as their kinds allow. */
    void send(Connection connection) throws SQLException {
        try {
            int from = 0;
            while (from < statements.size()) {
                int run = insertRun(from);
                if (run > 1) {
                    try (PreparedStatement batch = connection.prepareStatement(statements.get(from))) {
                        for (int i = from; i < from + run; i++) {
                            SqlText.bind(batch, values.get(i));
                            batch.addBatch();
                        }
                        batch.executeBatch();
                    }
                    from += run;
                    continue;
                }
                int to = from + 1;
                while (to < statements.size() && to - from < MAX_STATEMENTS && insertRun(to) <= 1) {
                    to++;
                }
                try (PreparedStatement several =
                        connection.prepareStatement(SqlText.script(statements.subList(from, to)))) {
                    int index = 1;
                    for (int i = from; i < to; i++) {
                        index = SqlText.bindFrom(several, index, values.get(i));
                    }
                    several.execute();
                    for (int i = from; i < to; i++) {
                        if (i > from) {
                            several.getMoreResults();
                        }
                        take(several, readers.get(i));
                    }
                }
                from = to;
            }
        } finally {
            clear();
        }
    }

    /** How many times the plain insert at {@code from} repeats from there on; 0 when it is not one. */
    private int insertRun(int from) {
        String sql = statements.get(from);
        if (!sql.regionMatches(true, 0, "insert", 0, 6) || sql.contains("ON CONFLICT")) {
            return 0;
        }
        int to = from + 1;
        while (to < statements.size() && statements.get(to).equals(sql)) {
            to++;
        }
        return to - from;
    }
}
