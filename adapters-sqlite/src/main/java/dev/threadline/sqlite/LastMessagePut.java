package dev.threadline.sqlite;

import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.search.SearchDocument;
import java.util.Objects;

/**
 * The message row the open transaction put last, until the next write of the read models: a
 * message's search document indexed right after it from the same values keeps none of them
 * (its row holds them), so its upsert need not look that row up to find out. Whatever else writes
 * the read models forgets it, and so does a rollback; forgetting only costs that look-up. Used only
 * under the writer lock.
 */
final class LastMessagePut implements TransactionScoped {

    private MessageView message;

    private LastMessagePut() {}

    /** The database's one instance, shared by the projection writer and the search index. */
    static LastMessagePut of(SqliteDatabase database) {
        return database.transactionScoped(LastMessagePut.class, LastMessagePut::new);
    }

    /** A message row was kept for the open transaction's batch, with these values. */
    void put(MessageView row) {
        message = row;
    }

    /**
     * Whether the row put last is this message document's and holds its turn, role, time and text;
     * either way it is forgotten: it answers for the write that follows it only.
     */
    boolean holdsAndForget(SearchDocument document) {
        MessageView row = message;
        message = null;
        return row != null
                && document.messageId() != null
                && row.id().equals(document.messageId())
                && row.threadId().equals(document.threadId())
                && Objects.equals(row.turnId(), document.turnId())
                && row.role() == document.role()
                && row.createdAt().equals(document.at())
                && row.text().equals(document.text());
    }

    @Override
    public void afterCommit() {
        forget();
    }

    @Override
    public void forget() {
        message = null;
    }
}
