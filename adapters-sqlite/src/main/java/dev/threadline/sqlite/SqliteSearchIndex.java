package dev.threadline.sqlite;

import dev.threadline.application.port.SearchIndex;
import dev.threadline.application.search.SearchDocument;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The search index on SQLite's FTS5 ({@code unicode61}, diacritics removed), ranked by BM25, on the
 * writer connection: inside a transaction it writes and reads with it. Documents are written in a
 * transaction, and the full-text index once per transaction ({@link PendingSearchDocuments}). Thread
 * titles in hits come from the thread rows, so the transaction's kept rows and its pending documents
 * are written out before a search.
 */
final class SqliteSearchIndex implements SearchIndex {

    private final KeptStatements statements;
    private final Lazy<SearchStatements> sql;
    private final KnownRows known;
    private final PendingSearchDocuments pending;
    private final LastMessagePut lastPut;

    SqliteSearchIndex(
            KeptStatements statements,
            Lazy<SearchStatements> sql,
            KnownRows known,
            PendingSearchDocuments pending,
            LastMessagePut lastPut) {
        this.statements = statements;
        this.sql = sql;
        this.known = known;
        this.pending = pending;
        this.lastPut = lastPut;
    }

    /**
     * Keeps the document for the transaction's batch. A message's document keeps none of the values
     * its message row holds the same; when the row just put holds them all, they are left out here,
     * and the upsert's look-up of that row, which would leave them out, finds nothing to do.
     */
    @Override
    public void index(SearchDocument d) {
        boolean rowHoldsAll = lastPut.holdsAndForget(d);
        pending.index(new Object[] {
            d.key(),
            d.threadId(),
            d.projectId(),
            rowHoldsAll ? null : d.turnId(),
            rowHoldsAll ? null : d.messageId(),
            rowHoldsAll || d.role() == null ? null : d.role().label(),
            rowHoldsAll ? null : d.at(),
            rowHoldsAll ? null : d.text()
        });
    }

    @Override
    public void removeThread(ThreadId thread) {
        lastPut.forget();
        pending.change(sql.get().removeThread, thread);
    }

    @Override
    public List<SearchHit> search(SearchQuery query, SearchFilter filter) {
        known.writeOutInTransaction();
        pending.writeOutInTransaction();
        Object[] marks = SearchStatements.snippetMarks();
        Object[] values = new Object[marks.length + 5];
        int n = 0;
        for (Object mark : marks) {
            values[n++] = mark;
        }
        values[n++] = Fts5Match.render(query);
        if (filter.project() != null) {
            values[n++] = filter.project();
        }
        if (filter.thread() != null) {
            values[n++] = filter.thread();
        }
        if (filter.role() != null) {
            values[n++] = filter.role().label();
        }
        values[n++] = filter.limit();
        String statement = sql.get().search(filter.project() != null, filter.thread() != null, filter.role() != null);
        List<SearchHit> hits = statements.list(
                statement,
                r -> {
                    String turn = r.getString(3);
                    String message = r.getString(5);
                    String role = r.getString(6);
                    String title = r.getString(2);
                    return new SearchHit(
                            new ThreadId(ReadModelRowMapping.uuid(r.getString(1))),
                            title == null ? "" : title,
                            turn == null ? null : new TurnId(ReadModelRowMapping.uuid(turn)),
                            r.getLong(4),
                            message == null ? null : new MessageId(ReadModelRowMapping.uuid(message)),
                            role == null ? null : Role.fromLabel(role),
                            ReadModelRowMapping.instant(r.getString(7)),
                            r.getDouble(8),
                            r.getString(9));
                },
                Arrays.copyOf(values, n));
        // The hits come in BM25 order; among equal scores the newer comes first, then the key.
        for (int i = 1; i < hits.size(); i++) {
            if (hits.get(i).score() == hits.get(i - 1).score()) {
                hits.sort(TIES);
                break;
            }
        }
        return hits;
    }

    private static final Comparator<SearchHit> TIES = Comparator.comparingDouble(SearchHit::score)
            .reversed()
            .thenComparing(SearchHit::at, Comparator.reverseOrder())
            .thenComparing(hit -> (hit.messageId() != null
                    ? hit.messageId().toString()
                    : hit.threadId().toString()));
}
