package dev.threadline.application.lifecycle;

import dev.threadline.application.port.IdSource;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.projection.Projections;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventStore;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one path by which events leave the log: in one transaction, the read models catch up, the
 * store event is decided from them, the rows go, and the store event is appended and projected.
 * A crash or a refusal leaves all of it undone.
 */
final class RecordedRemoval {

    /** The rule that every row a removal takes was read (and archived) first. */
    static final String ALL_ROWS_SEEN = "removal-rows-seen";

    private final EventStore events;
    private final LogRemoval removal;
    private final Transactions transactions;
    private final Projections projections;
    private final IdSource ids;
    private final Runnable afterCommit;

    RecordedRemoval(
            EventStore events,
            LogRemoval removal,
            Transactions transactions,
            Projections projections,
            IdSource ids,
            Runnable afterCommit) {
        this.events = events;
        this.removal = removal;
        this.transactions = transactions;
        this.projections = projections;
        this.ids = ids;
        this.afterCommit = afterCommit;
    }

    /**
     * Removes the selected rows and records the store event that {@code decide} returns, deciding
     * it (and possibly refusing) inside the transaction, before anything is removed.
     *
     * @param expectedRows how many rows the selection must hold, or the transaction rolls back: a
     *     row the caller did not see (one that cannot be decoded) is never removed unrecorded
     * @return the stored store event
     */
    StoredEvent removeAndRecord(LogRemoval.Selection selection, long expectedRows, Supplier<Event> decide) {
        StoredEvent recorded = transactions.inTransaction(() -> {
            projections.catchUpInTransaction();
            Event event = decide.get();
            long removed = removal.remove(selection);
            if (removed != expectedRows) {
                throw new DomainRuleViolation(
                        ALL_ROWS_SEEN,
                        "the log holds " + removed + " row(s) where " + expectedRows
                                + " were read and kept; some cannot be decoded: run doctor --quarantine first");
            }
            List<StoredEvent> stored = events.append(AppendBatch.of(ids.newEvent(event)));
            projections.applyInline(stored);
            return stored.get(0);
        });
        afterCommit.run();
        return recorded;
    }
}
