package dev.threadline.application.importing;

import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.ExpectedVersion;
import dev.threadline.domain.store.NewEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Imports the events of an export into a store, keeping their ids, streams and stream versions;
 * the store assigns new sequences after its last.
 *
 * <ul>
 *   <li>Each stream's versions continue the stored ones without a gap.
 *   <li>An event stored already at its version with the same id and content is skipped; with
 *       another id or content the import stops with a {@link DomainRuleViolation}.
 *   <li>Records are appended in atomic batches, so a failure leaves whole batches stored, and
 *       running the same import again completes it with nothing duplicated.
 * </ul>
 *
 * <p>Not thread-safe: one import runs on one thread; the store serialises it with other writers,
 * whose appends to the same streams fail a batch with a version conflict.
 */
public final class ImportEvents {

    /** Records appended per atomic batch. */
    public static final int BATCH = 1_000;

    /** The rule that a record at a stored version must be the stored event. */
    public static final String MATCHES_STORED_EVENT = "import-matches-stored-event";

    private final EventStore events;
    private final int batchSize;

    /** An import into this store, in batches of {@link #BATCH}. */
    public ImportEvents(EventStore events) {
        this(events, BATCH);
    }

    /** An import into this store, in batches of the given size. */
    public ImportEvents(EventStore events, int batchSize) {
        this.events = Objects.requireNonNull(events, "events");
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds 1 record or more, not " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Imports the records in their order.
     *
     * @param records the export's records; an exception they throw stops the import after the
     *     batches already appended
     * @param progress told the number of records handled so far after each batch
     * @throws InvalidInput "line N is malformed: …" when a stream's versions repeat or leave a gap
     * @throws DomainRuleViolation when a record conflicts with a stored event
     */
    public ImportSummary run(Iterator<ImportRecord> records, LongConsumer progress) {
        Map<String, StreamState> streams = new HashMap<>();
        List<ImportRecord> batch = new ArrayList<>(batchSize);
        long imported = 0;
        long total = 0;
        while (records.hasNext()) {
            batch.add(records.next());
            if (batch.size() == batchSize || !records.hasNext()) {
                imported += store(streams, batch);
                total += batch.size();
                batch.clear();
                progress.accept(total);
            }
        }
        return new ImportSummary(imported, total - imported);
    }

    /** Appends a batch's new events atomically; returns how many were new. */
    private int store(Map<String, StreamState> streams, List<ImportRecord> batch) {
        List<NewEvent> fresh = new ArrayList<>();
        Map<String, ExpectedVersion> expectations = new LinkedHashMap<>();
        Map<String, Long> planned = new HashMap<>();
        for (ImportRecord record : batch) {
            String streamId = record.streamId();
            StreamState stream = streams.computeIfAbsent(streamId, this::load);
            long current = planned.getOrDefault(streamId, stream.version);
            long version = record.streamVersion();
            if (version <= current) {
                StoredEvent stored = stream.stored.get(version);
                if (stored == null) {
                    throw malformed(record, "it repeats version " + version + " of stream " + streamId);
                }
                if (!stored.eventId().equals(record.event().eventId())
                        || !stored.event().equals(record.event().event())) {
                    throw new DomainRuleViolation(
                            MATCHES_STORED_EVENT,
                            "line " + record.line() + " conflicts with the stored event " + stored.eventId()
                                    + " at version " + version + ": stream " + streamId
                                    + " exists in this store with other events, and an import never writes over them");
                }
                continue;
            }
            if (version != current + 1) {
                throw malformed(
                        record,
                        current < 0
                                ? "stream " + streamId + " has no events here, so its first is version 0, not "
                                        + version
                                : "stream " + streamId + " is at version " + current + ", so the next is "
                                        + (current + 1) + ", not " + version);
            }
            expectations.putIfAbsent(
                    streamId, current < 0 ? ExpectedVersion.NO_STREAM : ExpectedVersion.exactly(current));
            planned.put(streamId, version);
            fresh.add(record.event());
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        events.append(new AppendBatch(fresh, expectations));
        planned.forEach((streamId, version) -> streams.get(streamId).version = version);
        return fresh.size();
    }

    private static InvalidInput malformed(ImportRecord record, String reason) {
        return new InvalidInput("line " + record.line() + " is malformed: " + reason);
    }

    /** What the store held of one stream before the import: its last version and its events. */
    private StreamState load(String streamId) {
        StreamState state = new StreamState();
        for (StoredEvent event : events.readStream(streamId)) {
            state.stored.put(event.streamVersion(), event);
            state.version = Math.max(state.version, event.streamVersion());
        }
        return state;
    }

    private static final class StreamState {
        long version = -1;
        final Map<Long, StoredEvent> stored = new HashMap<>();
    }
}
