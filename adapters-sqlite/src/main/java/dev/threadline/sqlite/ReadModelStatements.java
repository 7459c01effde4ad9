package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.CHECKPOINTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGES;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGE_DELTAS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_PROJECTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_THREADS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_TURNS;
import static dev.threadline.sqlite.schema.Tables.PROJECTOR_POSITIONS;
import static dev.threadline.sqlite.schema.Tables.SEARCH_DOCUMENTS;
import static dev.threadline.sqlite.schema.Tables.SETTINGS;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The read models' statements of the command path (reads by key, upserts, positions), rendered
 * once by jOOQ from the generated schema, on first use, and run as prepared statements kept open: rendering a
 * jOOQ query costs more than SQLite takes to run it.
 */
final class ReadModelStatements {

    /** The read-model tables, in the order they are compared and cleared. */
    static final List<Table<?>> READ_MODEL_TABLES = List.of(
            PROJECTION_PROJECTS,
            PROJECTION_THREADS,
            PROJECTION_TURNS,
            PROJECTION_MESSAGES,
            PROJECTION_MESSAGE_DELTAS,
            CHECKPOINTS,
            SETTINGS,
            SEARCH_DOCUMENTS);

    private final DSLContext render;
    private final Map<Table<?>, RenderedSql> byKey = new LinkedHashMap<>();
    private final Map<Table<?>, RenderedSql> upsert = new LinkedHashMap<>();
    final RenderedSql messageById;
    final RenderedSql messagesOf;
    final RenderedSql messageState;
    final RenderedSql livePath;
    final RenderedSql liveThreads;
    final RenderedSql turnsOf;
    final RenderedSql streaming;
    final RenderedSql nextDelta;
    final RenderedSql touchMessage;
    final RenderedSql dropDeltas;
    final RenderedSql position;
    final RenderedSql setPosition;

    ReadModelStatements(DSLContext render) {
        this.render = render;
        for (Table<?> table : List.of(
                PROJECTION_PROJECTS,
                PROJECTION_THREADS,
                PROJECTION_TURNS,
                PROJECTION_MESSAGES,
                CHECKPOINTS,
                SETTINGS)) {
            Field<?> key = table.getPrimaryKey().getFields().get(0);
            byKey.put(
                    table,
                    RenderedSql.of(
                            () -> render.selectFrom(table).where(keyIs(key)).getSQL()));
            upsert.put(table, RenderedSql.of(() -> upsert(table, key)));
        }
        // A streaming message's text is its stored text followed by its delta rows.
        String m = "m";
        String d = "d";
        String columns = Arrays.stream(PROJECTION_MESSAGES.fields())
                .map(field -> field.equals(PROJECTION_MESSAGES.TEXT)
                        ? m + "." + PROJECTION_MESSAGES.TEXT.getName() + " || coalesce((SELECT group_concat(" + d + "."
                                + PROJECTION_MESSAGE_DELTAS.DELTA.getName() + ", '' ORDER BY " + d + "."
                                + PROJECTION_MESSAGE_DELTAS.POSITION.getName() + ") FROM "
                                + PROJECTION_MESSAGE_DELTAS.getName() + " " + d + " WHERE " + d + "."
                                + PROJECTION_MESSAGE_DELTAS.MESSAGE_ID.getName() + " = " + m + "."
                                + PROJECTION_MESSAGES.MESSAGE_ID.getName() + "), '')"
                        : m + "." + field.getName())
                .collect(Collectors.joining(", "));
        String from = " FROM " + PROJECTION_MESSAGES.getName() + " " + m + " WHERE " + m + ".";
        messageById =
                RenderedSql.of(() -> "SELECT " + columns + from + PROJECTION_MESSAGES.MESSAGE_ID.getName() + " = ?");
        messagesOf = RenderedSql.of(() -> "SELECT " + columns + from + PROJECTION_MESSAGES.THREAD_ID.getName()
                + " = ? ORDER BY " + m + "." + PROJECTION_MESSAGES.ORDINAL.getName());
        messageState = RenderedSql.of(() -> render.select(
                        PROJECTION_MESSAGES.MESSAGE_ID,
                        PROJECTION_MESSAGES.THREAD_ID,
                        PROJECTION_MESSAGES.TURN_ID,
                        PROJECTION_MESSAGES.STREAMING)
                .from(PROJECTION_MESSAGES)
                .where(PROJECTION_MESSAGES.MESSAGE_ID.eq(param(PROJECTION_MESSAGES.MESSAGE_ID)))
                .getSQL());
        livePath = RenderedSql.of(() -> render.selectOne()
                .from(PROJECTION_PROJECTS)
                .where(PROJECTION_PROJECTS.PATH.eq(param(PROJECTION_PROJECTS.PATH)))
                .and(PROJECTION_PROJECTS.DELETED.eq(DSL.inline(false)))
                .limit(DSL.inline(1))
                .getSQL());
        liveThreads = RenderedSql.of(() -> render.select(PROJECTION_THREADS.THREAD_ID, PROJECTION_THREADS.CREATED_AT)
                .from(PROJECTION_THREADS)
                .where(PROJECTION_THREADS.PROJECT_ID.eq(param(PROJECTION_THREADS.PROJECT_ID)))
                .and(PROJECTION_THREADS.DELETED.eq(DSL.inline(false)))
                .getSQL());
        turnsOf = RenderedSql.of(() -> render.selectFrom(PROJECTION_TURNS)
                .where(PROJECTION_TURNS.THREAD_ID.eq(param(PROJECTION_TURNS.THREAD_ID)))
                .orderBy(PROJECTION_TURNS.ORDINAL)
                .getSQL());
        streaming = RenderedSql.of(() -> render.select(PROJECTION_MESSAGES.MESSAGE_ID)
                .from(PROJECTION_MESSAGES)
                .where(PROJECTION_MESSAGES.TURN_ID.eq(param(PROJECTION_MESSAGES.TURN_ID)))
                .and(PROJECTION_MESSAGES.STREAMING.eq(DSL.inline(true)))
                .orderBy(PROJECTION_MESSAGES.ORDINAL)
                .getSQL());
        // The next position comes from the primary key's index: O(log n) however many deltas.
        String deltas = PROJECTION_MESSAGE_DELTAS.getName();
        String messageId = PROJECTION_MESSAGE_DELTAS.MESSAGE_ID.getName();
        String position = PROJECTION_MESSAGE_DELTAS.POSITION.getName();
        nextDelta = RenderedSql.of(() -> "INSERT INTO " + deltas + " (" + messageId + ", " + position + ", "
                + PROJECTION_MESSAGE_DELTAS.DELTA.getName() + ") SELECT ?1, coalesce(max(" + position
                + "), 0) + 1, ?2 FROM " + deltas + " WHERE " + messageId + " = ?1");
        touchMessage = RenderedSql.of(() -> render.update(PROJECTION_MESSAGES)
                .set(PROJECTION_MESSAGES.UPDATED_AT, param(PROJECTION_MESSAGES.UPDATED_AT))
                .where(PROJECTION_MESSAGES.MESSAGE_ID.eq(param(PROJECTION_MESSAGES.MESSAGE_ID)))
                .getSQL());
        dropDeltas = RenderedSql.of(() -> render.deleteFrom(PROJECTION_MESSAGE_DELTAS)
                .where(PROJECTION_MESSAGE_DELTAS.MESSAGE_ID.eq(param(PROJECTION_MESSAGE_DELTAS.MESSAGE_ID)))
                .getSQL());
        this.position = RenderedSql.of(() -> render.select(PROJECTOR_POSITIONS.POSITION)
                .from(PROJECTOR_POSITIONS)
                .where(PROJECTOR_POSITIONS.PROJECTOR.eq(param(PROJECTOR_POSITIONS.PROJECTOR)))
                .getSQL());
        setPosition = RenderedSql.of(() -> upsert(PROJECTOR_POSITIONS, PROJECTOR_POSITIONS.PROJECTOR));
    }

    /**
     * The columns by which a verification orders and keys a table's rows: its primary key, except
     * for the search documents, whose rowid is the index's business and whose key is {@code doc_key}.
     */
    static List<? extends Field<?>> comparedKey(Table<?> table) {
        return table.equals(SEARCH_DOCUMENTS)
                ? List.of(SEARCH_DOCUMENTS.DOC_KEY)
                : table.getPrimaryKey().getFields();
    }

    /** The columns a verification compares: all but the search documents' rowid. */
    static List<Field<?>> comparedColumns(Table<?> table) {
        return Arrays.stream(table.fields())
                .filter(field -> !field.equals(SEARCH_DOCUMENTS.DOCUMENT_ID))
                .toList();
    }

    /** {@code SELECT *} of a table's row by its key. */
    String byKey(Table<?> table) {
        return byKey.get(table).sql();
    }

    /** The upsert of a table's row, values in the table's column order. */
    String upsert(Table<?> table) {
        return upsert.get(table).sql();
    }

    private static <T> org.jooq.Condition keyIs(Field<T> key) {
        return key.eq(param(key));
    }

    static <T> Field<T> param(Field<T> field) {
        return DSL.param(field.getName(), field.getDataType());
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
                .values(fields.stream().map(ReadModelStatements::param).toList())
                .onConflict(key)
                .doUpdate()
                .set(updates)
                .getSQL();
    }
}
