package dev.threadline.domain.store;

import dev.threadline.domain.error.DuplicateEventId;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The idempotent-write rule every {@link EventStore} shares: what an append means, given which of
 * its event ids are stored already. A storage adapter looks the batch's ids up and reports what it
 * found; this class decides.
 *
 * <ul>
 *   <li>None of the ids is stored: a {@link New} append, which the expectations then judge.
 *   <li>Every id is stored, with the batch's content, in the batch's order at contiguous
 *       sequences (as one append stores them): a {@link Retry}, a no-op that returns the stored
 *       events whatever the batch's expectations say, since its first attempt already moved the
 *       streams.
 *   <li>Anything else (an id twice in the batch, an id stored with other content or unreadable,
 *       only part of the batch stored, or stored apart): {@link DuplicateEventId}.
 * </ul>
 */
public final class AppendRetry {

    private AppendRetry() {}

    /** What an append is, once its stored ids are known. */
    public sealed interface Outcome permits New, Retry {}

    /** No event of the batch is stored: append it. */
    public record New() implements Outcome {}

    /**
     * The whole batch is stored as it is: return these and write nothing.
     *
     * @param stored the stored events, in the batch's order
     */
    public record Retry(List<StoredEvent> stored) implements Outcome {

        /** Copies the list. */
        public Retry {
            stored = List.copyOf(stored);
        }
    }

    /**
     * The batch's event ids that appear more than once in it, refused before anything is looked
     * up.
     *
     * @throws DuplicateEventId naming the first id that appears twice
     */
    public static void checkDistinct(AppendBatch batch) {
        Set<EventId> seen = new HashSet<>();
        for (NewEvent event : batch.events()) {
            if (!seen.add(event.eventId())) {
                throw new DuplicateEventId(event.eventId(), "it appears twice in the batch");
            }
        }
    }

    /**
     * Decides what the batch is.
     *
     * @param batch the batch to append
     * @param stored for each of the batch's ids that is stored already, the stored event, or an
     *     empty optional when its row cannot be decoded; ids not stored are absent
     * @throws DuplicateEventId when the batch is neither new nor a retry
     */
    public static Outcome judge(AppendBatch batch, Map<EventId, Optional<StoredEvent>> stored) {
        checkDistinct(batch);
        if (stored.isEmpty()) {
            return new New();
        }
        List<StoredEvent> found = new ArrayList<>(batch.events().size());
        for (NewEvent event : batch.events()) {
            Optional<StoredEvent> copy = stored.get(event.eventId());
            if (copy == null) {
                continue;
            }
            if (copy.isEmpty() || !sameContent(copy.get(), event)) {
                throw new DuplicateEventId(event.eventId(), "it is stored with other content");
            }
            found.add(copy.get());
        }
        if (found.size() < batch.events().size()) {
            EventId first = found.isEmpty()
                    ? stored.keySet().iterator().next()
                    : found.get(0).eventId();
            throw new DuplicateEventId(first, "only part of the batch is stored");
        }
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).sequence() != found.get(i - 1).sequence() + 1) {
                throw new DuplicateEventId(found.get(i).eventId(), "the batch's events are stored apart");
            }
        }
        return new Retry(found);
    }

    /** Whether a stored event holds what a new one would store: the event and its metadata. */
    public static boolean sameContent(StoredEvent stored, NewEvent event) {
        EventMetadata meta = event.metadata();
        return stored.event().equals(event.event())
                && Objects.equals(stored.commandId(), meta.commandId())
                && Objects.equals(stored.causationId(), meta.causationId())
                && Objects.equals(stored.correlationId(), meta.correlationId());
    }
}
