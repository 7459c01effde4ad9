package dev.threadline.domain.store;

import dev.threadline.domain.event.StoredEvent;
import java.util.List;
import java.util.stream.Stream;

/**
 * The append-only log of events: the port every storage adapter implements.
 *
 * <p>Rows that cannot be decoded are left out of every read and listed by {@link
 * #undecodableEvents()}.
 *
 * <p>Concurrency promises, which subscriptions and projectors rely on:
 *
 * <ul>
 *   <li>Sequences commit in order: once any reader has seen sequence n, no event with a sequence
 *       of n or less ever commits, so a reader that polls {@link #replayFrom} from the last
 *       sequence it saw never skips an event. Sequences are never reused.
 *   <li>A commit is visible to every reader of the same store, in this process or another.
 *   <li>Inside a write transaction of the storage (the application's {@code Transactions}), a
 *       replay and {@link #lastSequence()} see the events that transaction appended.
 * </ul>
 */
public interface EventStore {

    /**
     * Appends a batch atomically: every event is stored with contiguous sequences and the next
     * version of its stream, or none is. Appending event ids that are all stored already with the
     * same content writes nothing and returns the stored events, so a retry is safe, even when it
     * carries the expected versions its first attempt satisfied ({@link AppendRetry} decides).
     *
     * @return the stored events, in the batch's order
     * @throws dev.threadline.domain.error.VersionConflict when a stream is not at its expected
     *     version
     * @throws dev.threadline.domain.error.DuplicateEventId when an event id is stored with other
     *     content, or only part of the batch is stored
     * @throws dev.threadline.domain.error.StorageFailure when the storage cannot take the batch
     */
    List<StoredEvent> append(AppendBatch batch);

    /**
     * Every event with a sequence greater than {@code afterSequence}, in order, read lazily: the
     * caller must close the stream, and memory use does not grow with the log.
     */
    Stream<StoredEvent> replayFrom(long afterSequence);

    /** Every event, in order; the caller must close the stream. */
    default Stream<StoredEvent> replayAll() {
        return replayFrom(0);
    }

    /** The events of one stream, in version order; empty when the stream does not exist. */
    List<StoredEvent> readStream(String streamId);

    /** The sequence of the last stored event, 0 when the log is empty. */
    long lastSequence();

    /** Every stored row that cannot be decoded, in order. Reads the whole log. */
    List<UndecodableEvent> undecodableEvents();
}
