package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.CHECKPOINTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGES;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_PROJECTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_THREADS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_TURNS;
import static dev.threadline.sqlite.schema.Tables.PROJECTOR_POSITIONS;
import static dev.threadline.sqlite.schema.Tables.SETTINGS;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The read models' upserts, rendered by jOOQ from the generated schema, each on its first use. Made
 * on the first write: a command that only reads never loads jOOQ.
 */
final class ReadModelUpserts {

    private final DSLContext render;
    private final Map<ReadModelTable, Lazy<String>> upserts = new EnumMap<>(ReadModelTable.class);
    private final Lazy<String> setPosition;

    ReadModelUpserts(DSLContext render) {
        this.render = render;
        for (ReadModelTable table : ReadModelTable.values()) {
            Table<?> generated = table(table);
            upserts.put(
                    table,
                    Lazy.of(() -> upsert(
                            generated, generated.getPrimaryKey().getFields().get(0))));
        }
        setPosition = Lazy.of(() -> upsert(PROJECTOR_POSITIONS, PROJECTOR_POSITIONS.PROJECTOR));
    }

    /** The generated table a read-model table is. */
    static Table<?> table(ReadModelTable table) {
        return switch (table) {
            case PROJECTS -> PROJECTION_PROJECTS;
            case THREADS -> PROJECTION_THREADS;
            case TURNS -> PROJECTION_TURNS;
            case MESSAGES -> PROJECTION_MESSAGES;
            case CHECKPOINTS -> CHECKPOINTS;
            case SETTINGS -> SETTINGS;
        };
    }

    /** The upsert of a table's row, values in the table's column order. */
    String upsert(ReadModelTable table) {
        return upserts.get(table).get();
    }

    /** The upsert of a projector's position: the projector, then the position. */
    String setPosition() {
        return setPosition.get();
    }

    /** {@code INSERT … ON CONFLICT (key) DO UPDATE SET} every other column from {@code excluded}. */
    private String upsert(Table<?> table, Field<?> key) {
        List<Field<?>> fields = List.of(table.fields());
        Map<Field<?>, Field<?>> updates = new LinkedHashMap<>();
        for (Field<?> field : fields) {
            if (!field.equals(key)) {
                updates.put(field, DSL.field(DSL.name("excluded", field.getName())));
            }
        }
        return render.insertInto(table)
                .columns(fields)
                .values(fields.stream().map(ReadModelUpserts::param).toList())
                .onConflict(key)
                .doUpdate()
                .set(updates)
                .getSQL();
    }

    private static <T> Field<T> param(Field<T> field) {
        return DSL.param(field.getName(), field.getDataType());
    }
}
