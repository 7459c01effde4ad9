package dev.threadline.sqlite;

import dev.threadline.sqlite.ReadModelRowMapping.RowReader;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The rows of an open result set as a lazy stream; closing the stream is the caller's to arrange. */
final class ResultRows {

    private ResultRows() {}

    /** Reads each row with {@code map} as the stream advances; a read failure names {@code file}. */
    static <T> Stream<T> stream(Path file, ResultSet rows, RowReader<T> map) {
        Spliterator<T> read =
                new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
                    @Override
                    public boolean tryAdvance(Consumer<? super T> action) {
                        try {
                            if (!rows.next()) {
                                return false;
                            }
                            action.accept(map.read(rows));
                            return true;
                        } catch (SQLException e) {
                            throw SqliteErrors.translate(file, "read", e);
                        }
                    }
                };
        return StreamSupport.stream(read, false);
    }
}
