package dev.threadline.sqlite;

import dev.threadline.application.port.ReadModelRows;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The read-model tables' rows as SQLite stores them, each column as SQLite's text of it, streamed
 * in primary-key order on the writer connection (after writing out what the transaction keeps:
 * thread rows, positions, search documents).
 */
final class SqliteReadModelRows implements ReadModelRows {

    private final SqliteDatabase database;
    private final KnownRows known;
    private final PendingSearchDocuments pending;
    private Map<ReadModelRows.Table, ReadModelScans.Scan> queries;

    SqliteReadModelRows(SqliteDatabase database, KnownRows known, PendingSearchDocuments pending) {
        this.database = database;
        this.known = known;
        this.pending = pending;
    }

    /** Renders the queries on first use: most openings of a store never verify. */
    private synchronized Map<ReadModelRows.Table, ReadModelScans.Scan> queries() {
        if (queries == null) {
            queries = ReadModelScans.scans(database.sql());
        }
        return queries;
    }

    @Override
    public List<ReadModelRows.Table> tables() {
        return List.copyOf(queries().keySet());
    }

    @Override
    public Stream<Row> rows(ReadModelRows.Table table) {
        ReadModelScans.Scan query = Objects.requireNonNull(queries().get(table), table.name());
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
