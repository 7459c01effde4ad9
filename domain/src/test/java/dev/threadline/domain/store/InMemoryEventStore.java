package dev.threadline.domain.store;

import dev.threadline.domain.error.DuplicateEventId;
import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The EventStore port kept in a list: the fake that application tests run against. */
public final class InMemoryEventStore implements EventStore {

    private final Clock clock;
    private final List<StoredEvent> log = new ArrayList<>();
    private final Map<EventId, StoredEvent> byId = new HashMap<>();
    private final Map<String, List<StoredEvent>> byStream = new HashMap<>();

    public InMemoryEventStore(Clock clock) {
        this.clock = clock;
    }

    public InMemoryEventStore() {
        this(Clock.systemUTC());
    }

    @Override
    public synchronized List<StoredEvent> append(AppendBatch batch) {
        List<StoredEvent> retried = storedRetry(batch);
        if (retried != null) {
            return retried;
        }
        Map<String, Long> versions = new HashMap<>();
        for (NewEvent event : batch.events()) {
            versions.computeIfAbsent(event.event().streamId(), this::currentVersion);
        }
        for (Map.Entry<String, ExpectedVersion> expectation :
                batch.expectations().entrySet()) {
            long current = currentVersion(expectation.getKey());
            if (!expectation.getValue().isMetBy(current)) {
                throw new VersionConflict(expectation.getKey(), expectation.getValue(), current);
            }
        }
        List<StoredEvent> stored = new ArrayList<>();
        Map<EventId, NewEvent> inBatch = new HashMap<>();
        long sequence = lastSequence();
        for (NewEvent event : batch.events()) {
            NewEvent earlier = inBatch.putIfAbsent(event.eventId(), event);
            if (earlier != null || byId.containsKey(event.eventId())) {
                throw new DuplicateEventId(event.eventId(), "it appears twice in the batch");
            }
            String stream = event.event().streamId();
            long version = versions.merge(stream, 1L, Long::sum);
            EventMetadata meta = event.metadata();
            stored.add(new StoredEvent(
                    ++sequence,
                    event.eventId(),
                    stream,
                    version,
                    event.event().at(),
                    clock.instant(),
                    meta.commandId(),
                    meta.causationId(),
                    meta.correlationId(),
                    event.event()));
        }
        for (StoredEvent event : stored) {
            log.add(event);
            byId.put(event.eventId(), event);
            byStream.computeIfAbsent(event.streamId(), s -> new ArrayList<>()).add(event);
        }
        return List.copyOf(stored);
    }

    /** The stored events when every id of the batch is stored with the same content, else null. */
    private List<StoredEvent> storedRetry(AppendBatch batch) {
        List<StoredEvent> found = new ArrayList<>();
        for (NewEvent event : batch.events()) {
            StoredEvent stored = byId.get(event.eventId());
            if (stored != null) {
                if (!stored.event().equals(event.event())
                        || !new EventMetadata(stored.commandId(), stored.causationId(), stored.correlationId())
                                .equals(event.metadata())) {
                    throw new DuplicateEventId(event.eventId(), "its stored content differs");
                }
                found.add(stored);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() < batch.events().size()) {
            throw new DuplicateEventId(found.get(0).eventId(), "only part of the batch is stored");
        }
        return List.copyOf(found);
    }

    private long currentVersion(String streamId) {
        List<StoredEvent> stream = byStream.get(streamId);
        return stream == null ? -1 : stream.get(stream.size() - 1).streamVersion();
    }

    @Override
    public synchronized Stream<StoredEvent> replayFrom(long afterSequence) {
        int from = (int) Math.min(Math.max(afterSequence, 0), log.size());
        return List.copyOf(log.subList(from, log.size())).stream();
    }

    @Override
    public synchronized List<StoredEvent> readStream(String streamId) {
        return List.copyOf(byStream.getOrDefault(streamId, List.of()));
    }

    @Override
    public synchronized long lastSequence() {
        return log.size();
    }

    @Override
    public List<UndecodableEvent> undecodableEvents() {
        return List.of();
    }
}
