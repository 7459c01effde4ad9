package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.CHECKPOINTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGES;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGE_DELTAS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_PROJECTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_THREADS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_TURNS;
import static dev.threadline.sqlite.schema.Tables.SEARCH_DOCUMENTS;
import static dev.threadline.sqlite.schema.Tables.SETTINGS;

import dev.threadline.application.port.ReadModelRows;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Whole read-model tables, by jOOQ from the generated schema: the scans a verification compares
 * and the deletes a rebuild starts with. Rare and long, so they render on each use.
 */
final class ReadModelScans {

    private ReadModelScans() {}

    /** The read-model tables, in the order they are compared and cleared. */
    private static final List<Table<?>> TABLES = List.of(
            PROJECTION_PROJECTS,
            PROJECTION_THREADS,
            PROJECTION_TURNS,
            PROJECTION_MESSAGES,
            PROJECTION_MESSAGE_DELTAS,
            CHECKPOINTS,
            SETTINGS,
            SEARCH_DOCUMENTS);

    /** A table's scan in key order, and which of its columns form the key and which of those are numbers. */
    record Scan(String sql, int[] keyColumns, boolean[] numericKey) {}

    /** Each table's scan, in {@link #TABLES} order. */
    static Map<ReadModelRows.Table, Scan> scans(DSLContext render) {
        Map<ReadModelRows.Table, Scan> scans = new LinkedHashMap<>();
        for (Table<?> table : TABLES) {
            List<Field<?>> fields = comparedColumns(table);
            List<? extends Field<?>> key = Objects.requireNonNull(comparedKey(table), table.getName());
            int[] keyColumns = new int[key.size()];
            boolean[] numeric = new boolean[key.size()];
            for (int i = 0; i < key.size(); i++) {
                keyColumns[i] = fields.indexOf(key.get(i)) + 1;
                numeric[i] = Number.class.isAssignableFrom(key.get(i).getType());
            }
            String sql = render.select(fields).from(table).orderBy(key).getSQL();
            scans.put(
                    new ReadModelRows.Table(
                            table.getName(), fields.stream().map(Field::getName).toList()),
                    new Scan(sql, keyColumns, numeric));
        }
        return scans;
    }

    /** Empties every read-model table. */
    static void deleteAll(DSLContext jooq) {
        for (Table<?> table : TABLES) {
            jooq.deleteFrom(table).execute();
        }
    }

    /**
     * The columns by which a verification orders and keys a table's rows: its primary key, except
     * for the search documents, whose rowid is the index's business and whose key is {@code doc_key}.
     */
    private static List<? extends Field<?>> comparedKey(Table<?> table) {
        return table.equals(SEARCH_DOCUMENTS)
                ? List.of(SEARCH_DOCUMENTS.DOC_KEY)
                : table.getPrimaryKey().getFields();
    }

    /** The columns a verification compares: all but the search documents' rowid. */
    private static List<Field<?>> comparedColumns(Table<?> table) {
        return Arrays.stream(table.fields())
                .filter(field -> !field.equals(SEARCH_DOCUMENTS.DOCUMENT_ID))
                .toList();
    }
}
