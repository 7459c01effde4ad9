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

/**
 * The search index's statements. Documents are written through {@code search_documents}; a
 * message's document holds no text of its own while its message row holds the same text, and the
 * FTS5 table {@code search_index} reads each document's text through the view {@code
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
        // A message's document keeps no text of its own when its message row holds the same text.
        String text = "CASE WHEN ?5 IS NOT NULL AND ?8 IS (SELECT " + PROJECTION_MESSAGES.TEXT.getName() + " FROM "
                + PROJECTION_MESSAGES.getName() + " WHERE " + PROJECTION_MESSAGES.MESSAGE_ID.getName()
                + " = ?5) THEN NULL ELSE ?8 END";
        List<Field<?>> columns = List.of(
                SEARCH_DOCUMENTS.DOC_KEY,
                SEARCH_DOCUMENTS.THREAD_ID,
                SEARCH_DOCUMENTS.PROJECT_ID,
                SEARCH_DOCUMENTS.TURN_ID,
                SEARCH_DOCUMENTS.MESSAGE_ID,
                SEARCH_DOCUMENTS.ROLE,
                SEARCH_DOCUMENTS.AT,
                SEARCH_DOCUMENTS.TEXT);
        upsert = "INSERT INTO " + SEARCH_DOCUMENTS.getName() + " ("
                + columns.stream().map(Field::getName).collect(Collectors.joining(", "))
                + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " + text + ") ON CONFLICT ("
                + SEARCH_DOCUMENTS.DOC_KEY.getName() + ") DO UPDATE SET "
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
        StringBuilder search = new StringBuilder("SELECT " + column(SEARCH_DOCUMENTS.THREAD_ID) + ", "
                + column(PROJECTION_THREADS.TITLE) + ", " + column(SEARCH_DOCUMENTS.TURN_ID) + ", "
                + column(PROJECTION_TURNS.ORDINAL) + ", " + column(SEARCH_DOCUMENTS.MESSAGE_ID) + ", "
                + column(SEARCH_DOCUMENTS.ROLE) + ", " + column(SEARCH_DOCUMENTS.AT) + ", -" + INDEX + ".rank, snippet("
                + INDEX + ", 0, ?, ?, ?, " + SNIPPET_TOKENS + ") FROM " + INDEX + " JOIN " + SEARCH_DOCUMENTS.getName()
                + " ON " + column(SEARCH_DOCUMENTS.DOCUMENT_ID) + " = " + INDEX + ".rowid LEFT JOIN " + t + " ON "
                + column(PROJECTION_THREADS.THREAD_ID) + " = " + column(SEARCH_DOCUMENTS.THREAD_ID) + " LEFT JOIN " + u
                + " ON " + column(PROJECTION_TURNS.TURN_ID) + " = " + column(SEARCH_DOCUMENTS.TURN_ID) + " WHERE "
                + INDEX + " MATCH ?");
        if (project) {
            search.append(" AND " + column(SEARCH_DOCUMENTS.PROJECT_ID) + " = ?");
        }
        if (thread) {
            search.append(" AND " + column(SEARCH_DOCUMENTS.THREAD_ID) + " = ?");
        }
        if (role) {
            search.append(" AND " + column(SEARCH_DOCUMENTS.ROLE) + " = ?");
        }
        return search.append(" ORDER BY " + INDEX + ".rank LIMIT ?").toString();
    }

    /** The marks a snippet is asked for, in the order of the search's first parameters. */
    static Object[] snippetMarks() {
        return new Object[] {SearchHit.MATCH_START, SearchHit.MATCH_END, SearchHit.ELLIPSIS};
    }

    private static String column(Field<?> field) {
        return field.getQualifiedName().toString().replace("\"", "");
    }

    private static <T> Field<T> param(Field<T> field) {
        return ReadModelStatements.param(field);
    }
}
