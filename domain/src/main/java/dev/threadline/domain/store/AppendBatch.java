package dev.threadline.domain.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Events to append atomically, possibly to several streams, with an optional expected version per
 * stream. Streams without an expectation accept any version.
 *
 * @param events one or more events, in the order they are to be stored
 * @param expectations expected version per stream id
 */
public record AppendBatch(List<NewEvent> events, Map<String, ExpectedVersion> expectations) {

    /** Copies the inputs and checks that the batch is not empty. */
    public AppendBatch {
        events = List.copyOf(events);
        expectations = Map.copyOf(expectations);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append batch needs at least one event");
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
        return new AppendBatch(events, more);
    }

    /** The expectation for a stream, {@link ExpectedVersion#ANY} when none was given. */
    public ExpectedVersion expectationFor(String streamId) {
        return expectations.getOrDefault(streamId, ExpectedVersion.ANY);
    }
}
