package dev.threadline.application.port;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every read-model row as canonical text, for comparing two stores of the same kind (the live
 * one and a fresh rebuild) without knowing how either stores them.
 *
 * <p>Concurrency: inside a {@link Transactions} transaction the rows include that transaction's
 * writes. A stream must be read and closed on the thread that opened it, before the transaction
 * ends.
 */
public interface ReadModelRows {

    /** The read-model tables, in the order they are compared. Two stores of one kind agree. */
    List<Table> tables();

    /**
     * A table's rows in ascending key order, read lazily: the caller closes the stream.
     *
     * @param table one of {@link #tables()}
     */
    Stream<Row> rows(Table table);

    /**
     * A read-model table.
     *
     * @param name its name, as differences report it
     * @param columns its columns, in the order of each row's values
     */
    record Table(String name, List<String> columns) {

        /** Copies the columns. */
        public Table {
            columns = List.copyOf(columns);
        }
    }

    /**
     * One row.
     *
     * @param key the key's parts, each a {@link String} or a {@link Long}; rows are ordered part
     *     by part, numbers by value and text by {@link String#compareTo}
     * @param values every column's value as text (null for none), in the table's column order
     */
    record Row(List<Object> key, List<String> values) {

        /** Copies the lists (values may hold nulls). */
        public Row {
            key = List.copyOf(key);
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }

        /** The key as text: its parts joined with {@code /}. */
        public String keyText() {
            StringBuilder text = new StringBuilder();
            for (Object part : key) {
                if (!text.isEmpty()) {
                    text.append('/');
                }
                text.append(part);
            }
            return text.toString();
        }
    }
}
