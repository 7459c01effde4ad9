package dev.threadline.application.port;

import dev.threadline.application.search.SearchDocument;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.domain.id.ThreadId;
import java.util.List;

/**
 * The full-text index of message texts and thread titles: a read model like the others.
 *
 * <p>Promises: the projector writes it inside the command's {@link Transactions} transaction, so
 * it commits or rolls back with the events it reflects and is never behind the log. A streaming
 * message is indexed once, when it completes, never per delta. {@link ProjectionWriter#clear()}
 * empties it with the other read models, and {@link ReadModelRows} lists its documents, so a
 * rebuild restores it and a verification compares it. A message is indexed under the thread that
 * wrote it only: a fork inherits it without a second document.
 *
 * <p>Matching: words match whatever their case and diacritics ({@code Cafe} finds {@code café}).
 */
public interface SearchIndex {

    /** Adds a document, or replaces the one with the same {@link SearchDocument#key()}. */
    void index(SearchDocument document);

    /** Removes every document of a thread (its messages and its title). */
    void removeThread(ThreadId thread);

    /**
     * The documents matching a query and a filter, best match first (ties: newer first, then by
     * key), at most the filter's limit. Inside a transaction it sees that transaction's writes.
     */
    List<SearchHit> search(SearchQuery query, SearchFilter filter);
}
