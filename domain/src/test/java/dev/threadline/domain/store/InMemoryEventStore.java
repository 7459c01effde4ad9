package dev.threadline.domain.store;

import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        Map<EventId, Optional<StoredEvent>> found = new HashMap<>();
        for (NewEvent event : batch.events()) {
            StoredEvent stored = byId.get(event.eventId());
            if (stored != null) {
                found.put(event.eventId(), Optional.of(stored));
            }
        }
        if (AppendRetry.judge(batch, found) instanceof AppendRetry.Retry retry) {
            return retry.stored();
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
        batch.skipToFirstVersions(versions, this::currentVersion);
        List<StoredEvent> stored = new ArrayList<>();
        long sequence = lastSequence();
        for (NewEvent event : batch.events()) {
            String stream = event.event().streamId();
            long version = versions.merge(stream, 1L, Long::sum);
            stored.add(event.storedAt(++sequence, version, clock.instant()));
        }
        for (StoredEvent event : stored) {
            log.add(event);
            byId.put(event.eventId(), event);
            byStream.computeIfAbsent(event.streamId(), s -> new ArrayList<>()).add(event);
        }
        return List.copyOf(stored);
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
