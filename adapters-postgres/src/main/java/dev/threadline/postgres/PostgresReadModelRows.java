package dev.threadline.postgres;

import dev.threadline.application.port.ReadModelRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The read-model tables' rows, each column as PostgreSQL's text of it, streamed in key order. The
 * search documents' {@code tokens} are derived from their text and left out.
 */
final class PostgresReadModelRows implements ReadModelRows {

    private final PostgresDatabase database;
    private volatile Map<Table, Query> queries;

    /** A table's query and how many of its leading columns form the key (numeric ones flagged). */
    private record Query(String sql, boolean[] numericKey) {}

    PostgresReadModelRows(PostgresDatabase database) {
        this.database = database;
    }

    private Map<Table, Query> queries() {
        Map<Table, Query> known = queries;
        if (known != null) {
            return known;
        }
        Map<Table, Query> built = new LinkedHashMap<>();
        for (String table : PostgresProjectionWriter.TABLES) {
            List<String> key = switch (table) {
                case "projection_message_deltas" -> List.of("message_id", "position");
                case "search_documents" -> List.of("doc_key");
                default -> List.of();
            };
            List<String[]> columns = database.list(
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND"
                            + " table_name = ? AND column_name <> 'tokens' ORDER BY ordinal_position",
                    rows -> new String[] {rows.getString(1), rows.getString(2)},
                    database.schema(),
                    table);
            List<String> keyColumns = key.isEmpty() ? List.of(columns.get(0)[0]) : key;
            boolean[] numeric = new boolean[keyColumns.size()];
            List<String> selected = new ArrayList<>();
            List<String> order = new ArrayList<>();
            for (int i = 0; i < keyColumns.size(); i++) {
                String name = keyColumns.get(i);
                numeric[i] = columns.stream().anyMatch(c -> c[0].equals(name) && c[1].equals("bigint"));
                selected.add(name + " AS key_" + i);
                order.add(name + (numeric[i] ? "" : " COLLATE \"C\""));
            }
            List<String> names = new ArrayList<>();
            for (String[] column : columns) {
                names.add(column[0]);
                selected.add(column[0] + "::text AS value_" + names.size());
            }
            String sql = "SELECT " + String.join(", ", selected) + " FROM " + table + " ORDER BY "
                    + String.join(", ", order);
            built.put(new Table(table, names), new Query(sql, numeric));
        }
        queries = built;
        return built;
    }

    @Override
    public List<Table> tables() {
        return List.copyOf(queries().keySet());
    }

    @Override
    public Stream<Row> rows(Table table) {
        Query query = Objects.requireNonNull(queries().get(table), table.name());
        int keys = query.numericKey().length;
        int width = table.columns().size();
        return database.stream(query.sql(), rows -> {
            List<Object> key = new ArrayList<>(keys);
            for (int i = 0; i < keys; i++) {
                key.add(query.numericKey()[i] ? (Object) rows.getLong(i + 1) : rows.getString(i + 1));
            }
            List<String> values = new ArrayList<>(width);
            for (int column = 1; column <= width; column++) {
                values.add(rows.getString(keys + column));
            }
            return new Row(key, values);
        });
    }
}
