package dev.threadline.application.lifecycle;

import dev.threadline.application.port.IdSource;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.NewEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one path by which events leave the log: in one transaction, the read models catch up, the
 * store event is decided from them, the rows go, the store event is appended and projected, and
 * the receipt of a command id is stored. A crash or a refusal leaves all of it undone.
 */
final class RecordedRemoval {

    /** The rule that every row a removal takes was read (and archived) first. */
    static final String ALL_ROWS_SEEN = "removal-rows-seen";

    private final EventStore events;
    private final LogRemoval removal;
    private final Transactions transactions;
    private final Projections projections;
    private final IdSource ids;
    private final LifecycleReceipts receipts;
    private final Runnable afterCommit;

    RecordedRemoval(
            EventStore events,
            LogRemoval removal,
            Transactions transactions,
            Projections projections,
            IdSource ids,
            LifecycleReceipts receipts,
            Runnable afterCommit) {
        this.events = events;
        this.removal = removal;
        this.transactions = transactions;
        this.projections = projections;
        this.ids = ids;
        this.receipts = receipts;
        this.afterCommit = afterCommit;
    }

    /** How the read models learn of a removal, in its transaction. */
    enum Projection {
        /** The store event is projected: it tells the read models what went (a purge). */
        INLINE,
        /**
         * The read models are rebuilt from the log that remains: the rows that went may have been
         * projected before they became undecodable, and nothing tells what they held (a quarantine).
         */
        REBUILD
    }

    /**
     * A removal done, or the result found under its command id instead.
     *
     * @param recorded the stored store event, or null when an earlier result was found
     * @param earlier the result stored earlier under the command id, or null when the removal ran
     */
    record Removal(StoredEvent recorded, CommandResult earlier) {}

    /**
     * Removes the selected rows and records the store event that {@code decide} returns, deciding
     * it (and possibly refusing) inside the transaction, before anything is removed.
     *
     * @param expectedRows how many rows the selection must hold, or the transaction rolls back: a
     *     row the caller did not see (one that cannot be decoded) is never removed unrecorded
     * @return the stored store event
     */
    StoredEvent removeAndRecord(LogRemoval.Selection selection, long expectedRows, Supplier<Event> decide) {
        return removeAndRecord(selection, expectedRows, decide, null, event -> null, Projection.INLINE)
                .recorded();
    }

    /**
     * As {@link #removeAndRecord(LogRemoval.Selection, long, Supplier)}, under a claimed command id
     * (null: none). Inside the transaction, first: a receipt already stored under the id ends it
     * with nothing removed, and its result is returned. Last: the receipt that {@code result} makes
     * of the stored event (null: none in this transaction) is stored with it. The store event
     * carries the command id. {@code projection} says how the read models learn of the removal.
     */
    Removal removeAndRecord(
            LogRemoval.Selection selection,
            long expectedRows,
            Supplier<Event> decide,
            LifecycleReceipts.Claim claim,
            Function<StoredEvent, CommandResult> result,
            Projection projection) {
        Removal done = transactions.inTransaction(() -> {
            Optional<CommandResult> earlier = receipts.earlier(claim);
            if (earlier.isPresent()) {
                return new Removal(null, earlier.get());
            }
            projections.catchUpInTransaction();
            Event event = decide.get();
            long removed = removal.remove(selection);
            if (removed != expectedRows) {
                throw new DomainRuleViolation(
                        ALL_ROWS_SEEN,
                        "the log holds " + removed + " row(s) where " + expectedRows
                                + " were read and kept; some cannot be decoded: run doctor --quarantine first");
            }
            EventMetadata metadata = claim == null ? EventMetadata.NONE : EventMetadata.ofCommand(claim.commandId());
            List<StoredEvent> stored = events.append(AppendBatch.of(new NewEvent(ids.eventId(), event, metadata)));
            if (projection == Projection.REBUILD) {
                projections.rebuild(reached -> {});
            } else {
                projections.applyInline(stored);
            }
            CommandResult receipt = claim == null ? null : result.apply(stored.get(0));
            if (receipt != null) {
                receipts.record(claim, receipt);
            }
            return new Removal(stored.get(0), null);
        });
        if (done.recorded() != null) {
            afterCommit.run();
        }
        return done;
    }
}
