package dev.threadline.domain.store;

import dev.threadline.domain.error.VersionConflict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Events to append atomically, possibly to several streams, with an optional expected version per
 * stream. Streams without an expectation accept any version.
 *
 * <p>A stream's first event in the batch takes the stream's next version, or the version given in
 * {@code firstVersions}, past a gap: only an import does that, keeping the versions of a stream
 * whose events a quarantine removed. The stream's later events in the batch follow without a gap.
 *
 * @param events one or more events, in the order they are to be stored
 * @param expectations expected version per stream id, checked before any gap
 * @param firstVersions the version of a stream's first event in the batch, past its next
 */
public record AppendBatch(
        List<NewEvent> events, Map<String, ExpectedVersion> expectations, Map<String, Long> firstVersions) {

    /** Copies the inputs and checks that the batch is not empty. */
    public AppendBatch {
        events = List.copyOf(events);
        expectations = Map.copyOf(expectations);
        firstVersions = Map.copyOf(firstVersions);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append batch needs at least one event");
        }
    }

    /** A batch whose streams continue at their next versions. */
    public AppendBatch(List<NewEvent> events, Map<String, ExpectedVersion> expectations) {
        this(events, expectations, Map.of());
    }

    /**
     * Moves each stream given a first version to just before it, in a map of the batch's streams'
     * current versions (-1: no event), once the expectations are checked.
     *
     * @throws VersionConflict when a first version is not past the stream's current one
     */
    public void skipToFirstVersions(Map<String, Long> versions, ToLongFunction<String> current) {
        for (Map.Entry<String, Long> first : firstVersions.entrySet()) {
            String stream = first.getKey();
            long now = versions.containsKey(stream) ? versions.get(stream) : current.applyAsLong(stream);
            if (first.getValue() <= now) {
                throw new VersionConflict(
                        stream,
                        first.getValue() == 0
                                ? ExpectedVersion.NO_STREAM
                                : ExpectedVersion.exactly(first.getValue() - 1),
                        now);
            }
            versions.put(stream, first.getValue() - 1);
        }
    }

    /** A batch without expectations. */
    public static AppendBatch of(List<NewEvent> events) {
        return new AppendBatch(events, Map.of());
    }

    /** A batch without expectations. */
    public static AppendBatch of(NewEvent... events) {
        return of(List.of(events));
    }

    /** This batch with one more expectation. */
    public AppendBatch expecting(String streamId, ExpectedVersion expected) {
        Map<String, ExpectedVersion> more = new LinkedHashMap<>(expectations);
        more.put(Objects.requireNonNull(streamId), Objects.requireNonNull(expected));
        return new AppendBatch(events, more, firstVersions);
    }

    /** The expectation for a stream, {@link ExpectedVersion#ANY} when none was given. */
    public ExpectedVersion expectationFor(String streamId) {
        return expectations.getOrDefault(streamId, ExpectedVersion.ANY);
    }
}
