package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGES;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_THREADS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_TURNS;
import static dev.threadline.sqlite.schema.Tables.SEARCH_DOCUMENTS;

import dev.threadline.application.search.SearchHit;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The search index's statements. Documents are written through {@code search_documents}; a
 * message's document holds no value its message row holds the same (turn, message id, role, time,
 * text): a search reads those from the message row, found by the document's key, and
 * the FTS5 table {@code search_index} reads each document's text through the view {@code
 * search_content} (external content). A search is one statement
 * whose outer loop is the FTS5 table in BM25 order ({@code ORDER BY rank}, which FTS5 delivers
 * itself, with no sort of its own): each hit joins its document, thread and turn by key, the
 * filters apply on the way, and the statement stops at the limit, so snippets are made only for
 * the hits returned.
 */
final class SearchStatements {

    /** The FTS5 table, which the generated schema leaves out (jOOQ does not model virtual tables). */
    static final String INDEX = "search_index";

    /** The view of each document's text, the index's external content. */
    static final String CONTENT = "search_content";

    /** Words of context a snippet shows around its matches. */
    static final int SNIPPET_TOKENS = 24;

    final String upsert;
    final String removeThread;
    private final String[] searches = new String[8];

    SearchStatements(DSLContext render) {
        // A message's document keeps no value its message row holds the same: each such column is
        // null, and reads take it from that row.
        List<Field<?>> columns = List.of(
                SEARCH_DOCUMENTS.DOC_KEY,
                SEARCH_DOCUMENTS.THREAD_ID,
                SEARCH_DOCUMENTS.PROJECT_ID,
                SEARCH_DOCUMENTS.TURN_ID,
                SEARCH_DOCUMENTS.MESSAGE_ID,
                SEARCH_DOCUMENTS.ROLE,
                SEARCH_DOCUMENTS.AT,
                SEARCH_DOCUMENTS.TEXT);
        String hasRow = "m." + PROJECTION_MESSAGES.MESSAGE_ID.getName() + " IS NOT NULL";
        String rowHolds = hasRow + " AND ";
        upsert = "INSERT INTO " + SEARCH_DOCUMENTS.getName() + " ("
                + columns.stream().map(Field::getName).collect(Collectors.joining(", "))
                + ") SELECT ?1, ?2, "
                + "?3, "
                + unlessSame(rowHolds + "m." + PROJECTION_MESSAGES.TURN_ID.getName() + " IS ?4", 4) + ", "
                + unlessSame(hasRow, 5) + ", "
                + unlessSame(rowHolds + "m." + PROJECTION_MESSAGES.ROLE.getName() + " IS ?6", 6) + ", "
                + unlessSame(rowHolds + "m." + PROJECTION_MESSAGES.CREATED_AT.getName() + " IS ?7", 7) + ", "
                + unlessSame(rowHolds + "m." + PROJECTION_MESSAGES.TEXT.getName() + " IS ?8", 8)
                + " FROM (SELECT 1) LEFT JOIN " + PROJECTION_MESSAGES.getName() + " m ON m."
                + PROJECTION_MESSAGES.MESSAGE_ID.getName()
                // An upsert's SELECT needs a WHERE, or its ON CONFLICT would read as a join's.
                + " = ?5 WHERE true ON CONFLICT (" + SEARCH_DOCUMENTS.DOC_KEY.getName() + ") DO UPDATE SET "
                + columns.stream()
                        .skip(1)
                        .map(field -> field.getName() + " = excluded." + field.getName())
                        .collect(Collectors.joining(", "));
        removeThread = render.deleteFrom(SEARCH_DOCUMENTS)
                .where(SEARCH_DOCUMENTS.THREAD_ID.eq(param(SEARCH_DOCUMENTS.THREAD_ID)))
                .getSQL();
        for (int filters = 0; filters < searches.length; filters++) {
            searches[filters] = render((filters & 1) != 0, (filters & 2) != 0, (filters & 4) != 0);
        }
    }

    /**
     * The search with the given filters. Parameters, in order: the snippet's start, end and
     * ellipsis marks, the MATCH expression, then the project, thread and role of the filters
     * present, then the limit.
     */
    String search(boolean project, boolean thread, boolean role) {
        return searches[(project ? 1 : 0) | (thread ? 2 : 0) | (role ? 4 : 0)];
    }

    private static String render(boolean project, boolean thread, boolean role) {
        String t = PROJECTION_THREADS.getName();
        String u = PROJECTION_TURNS.getName();
        String m = PROJECTION_MESSAGES.getName();
        String turn = or(SEARCH_DOCUMENTS.TURN_ID, PROJECTION_MESSAGES.TURN_ID);
        StringBuilder search = new StringBuilder("SELECT " + column(SEARCH_DOCUMENTS.THREAD_ID) + ", "
                + column(PROJECTION_THREADS.TITLE) + ", " + turn + ", " + column(PROJECTION_TURNS.ORDINAL) + ", "
                + or(SEARCH_DOCUMENTS.MESSAGE_ID, PROJECTION_MESSAGES.MESSAGE_ID) + ", "
                + or(SEARCH_DOCUMENTS.ROLE, PROJECTION_MESSAGES.ROLE) + ", "
                + or(SEARCH_DOCUMENTS.AT, PROJECTION_MESSAGES.CREATED_AT) + ", -" + INDEX + ".rank, snippet("
                + INDEX + ", 0, ?, ?, ?, " + SNIPPET_TOKENS + ") FROM " + INDEX + " JOIN " + SEARCH_DOCUMENTS.getName()
                + " ON " + column(SEARCH_DOCUMENTS.DOCUMENT_ID) + " = " + INDEX + ".rowid LEFT JOIN " + m + " ON "
                + column(PROJECTION_MESSAGES.MESSAGE_ID) + " = " + column(SEARCH_DOCUMENTS.DOC_KEY) + " LEFT JOIN " + t
                + " ON " + column(PROJECTION_THREADS.THREAD_ID) + " = " + column(SEARCH_DOCUMENTS.THREAD_ID)
                + " LEFT JOIN " + u + " ON " + column(PROJECTION_TURNS.TURN_ID) + " = " + turn + " WHERE " + INDEX
                + " MATCH ?");
        if (project) {
            search.append(" AND " + column(SEARCH_DOCUMENTS.PROJECT_ID) + " = ?");
        }
        if (thread) {
            search.append(" AND " + column(SEARCH_DOCUMENTS.THREAD_ID) + " = ?");
        }
        if (role) {
            search.append(" AND " + or(SEARCH_DOCUMENTS.ROLE, PROJECTION_MESSAGES.ROLE) + " = ?");
        }
        return search.append(" ORDER BY " + INDEX + ".rank LIMIT ?").toString();
    }

    /** A document's own value, else the one of the row it was left out for. */
    private static String or(Field<?> own, Field<?> row) {
        return "coalesce(" + column(own) + ", " + column(row) + ")";
    }

    /** A document's value {@code ?n}, or null when the condition says a row holds the same. */
    private static String unlessSame(String condition, int n) {
        return "CASE WHEN " + condition + " THEN NULL ELSE ?" + n + " END";
    }

    /** The marks a snippet is asked for, in the order of the search's first parameters. */
    static Object[] snippetMarks() {
        return new Object[] {SearchHit.MATCH_START, SearchHit.MATCH_END, SearchHit.ELLIPSIS};
    }

    private static String column(Field<?> field) {
        return field.getQualifiedName().toString().replace("\"", "");
    }

    private static <T> Field<T> param(Field<T> field) {
        return DSL.param(field.getName(), field.getDataType());
    }
}
