package dev.threadline.postgres;

import dev.threadline.application.port.SearchIndex;
import dev.threadline.application.search.SearchDocument;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.util.ArrayList;
import java.util.List;

/**
 * The search index on PostgreSQL's full-text search: a {@code tsvector} per document under a GIN
 * index, ranked by {@code ts_rank}; see {@link SearchText} for how words and queries are read.
 */
final class PostgresSearchIndex implements SearchIndex {

    private static final String UPSERT = "INSERT INTO search_documents (doc_key, thread_id, project_id, turn_id,"
            + " message_id, role, at, text, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, to_tsvector('simple', ?))"
            + " ON CONFLICT (doc_key) DO UPDATE SET thread_id = excluded.thread_id, project_id ="
            + " excluded.project_id, turn_id = excluded.turn_id, message_id = excluded.message_id, role ="
            + " excluded.role, at = excluded.at, text = excluded.text, tokens = excluded.tokens";

    private final PostgresDatabase database;

    PostgresSearchIndex(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public void index(SearchDocument d) {
        database.write(
                UPSERT,
                d.key(),
                d.threadId(),
                d.projectId(),
                d.turnId(),
                d.messageId(),
                d.role() == null ? null : d.role().label(),
                d.at(),
                d.text(),
                SearchText.documentWords(d.text()));
    }

    @Override
    public void removeThread(ThreadId thread) {
        database.update("DELETE FROM search_documents WHERE thread_id = ?", thread);
    }

    @Override
    public List<SearchHit> search(SearchQuery query, SearchFilter filter) {
        String tsquery = SearchText.tsquery(query);
        if (tsquery == null) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT d.thread_id, t.title, d.turn_id, u.ordinal, d.message_id,"
                + " d.role, d.at, ts_rank(d.tokens, q, 1) AS score, d.text FROM search_documents d"
                + " CROSS JOIN to_tsquery('simple', ?) q LEFT JOIN projection_threads t ON t.thread_id = d.thread_id"
                + " LEFT JOIN projection_turns u ON u.turn_id = d.turn_id WHERE d.tokens @@ q");
        List<Object> values = new ArrayList<>(List.of(tsquery));
        if (filter.project() != null) {
            sql.append(" AND d.project_id = ?");
            values.add(filter.project());
        }
        if (filter.thread() != null) {
            sql.append(" AND d.thread_id = ?");
            values.add(filter.thread());
        }
        if (filter.role() != null) {
            sql.append(" AND d.role = ?");
            values.add(filter.role().label());
        }
        sql.append(" ORDER BY score DESC, d.at DESC, d.doc_key LIMIT ?");
        values.add(filter.limit());
        return database.list(
                sql.toString(),
                r -> {
                    String turn = r.getString(3);
                    String message = r.getString(5);
                    String role = r.getString(6);
                    String title = r.getString(2);
                    return new SearchHit(
                            new ThreadId(RowMapping.uuid(r.getString(1))),
                            title == null ? "" : title,
                            turn == null ? null : new TurnId(RowMapping.uuid(turn)),
                            r.getLong(4),
                            message == null ? null : new MessageId(RowMapping.uuid(message)),
                            role == null ? null : Role.fromLabel(role),
                            RowMapping.instant(r.getString(7)),
                            r.getDouble(8),
                            SearchText.snippet(r.getString(9), query));
                },
                values.toArray());
    }
}
