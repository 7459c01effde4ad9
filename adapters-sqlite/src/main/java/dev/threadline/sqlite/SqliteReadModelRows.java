package dev.threadline.sqlite;

import dev.threadline.application.port.ReadModelRows;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jooq.Field;

/**
 * The read-model tables' rows as SQLite stores them, each column as SQLite's text of it, streamed
 * in primary-key order on the writer connection (after writing out what the transaction keeps:
 * thread rows, positions, search documents).
 */
final class SqliteReadModelRows implements ReadModelRows {

    private final SqliteDatabase database;
    private final KnownRows known;
    private final PendingSearchDocuments pending;
    private final Map<ReadModelRows.Table, Query> queries = new LinkedHashMap<>();

    /** A table's rendered query and which of its columns form the key. */
    private record Query(String sql, int[] keyColumns, boolean[] numericKey) {}

    SqliteReadModelRows(SqliteDatabase database, KnownRows known, PendingSearchDocuments pending) {
        this.database = database;
        this.known = known;
        this.pending = pending;
    }

    /** Renders the queries on first use: most openings of a store never verify. */
    private synchronized Map<ReadModelRows.Table, Query> queries() {
        if (!queries.isEmpty()) {
            return queries;
        }
        for (org.jooq.Table<?> table : ReadModelStatements.READ_MODEL_TABLES) {
            List<Field<?>> fields = ReadModelStatements.comparedColumns(table);
            List<? extends Field<?>> key =
                    Objects.requireNonNull(ReadModelStatements.comparedKey(table), table.getName());
            int[] keyColumns = new int[key.size()];
            boolean[] numeric = new boolean[key.size()];
            for (int i = 0; i < key.size(); i++) {
                keyColumns[i] = fields.indexOf(key.get(i)) + 1;
                numeric[i] = Number.class.isAssignableFrom(key.get(i).getType());
            }
            String sql = database.sql().select(fields).from(table).orderBy(key).getSQL();
            queries.put(
                    new ReadModelRows.Table(
                            table.getName(), fields.stream().map(Field::getName).toList()),
                    new Query(sql, keyColumns, numeric));
        }
        return queries;
    }

    @Override
    public List<ReadModelRows.Table> tables() {
        return List.copyOf(queries().keySet());
    }

    @Override
    public Stream<Row> rows(ReadModelRows.Table table) {
        Query query = Objects.requireNonNull(queries().get(table), table.name());
        known.writeOutInTransaction();
        pending.writeOutInTransaction();
        int width = table.columns().size();
        return database.streamOnWriter(connection -> connection.prepareStatement(query.sql()), (ResultSet rows) -> {
            List<Object> key = new ArrayList<>(query.keyColumns().length);
            for (int i = 0; i < query.keyColumns().length; i++) {
                int column = query.keyColumns()[i];
                key.add(query.numericKey()[i] ? (Object) rows.getLong(column) : rows.getString(column));
            }
            List<String> values = new ArrayList<>(width);
            for (int column = 1; column <= width; column++) {
                values.add(rows.getString(column));
            }
            return new Row(key, values);
        });
    }
}
