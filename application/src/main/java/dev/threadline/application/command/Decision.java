package dev.threadline.application.command;

import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.id.Identifier;
import dev.threadline.domain.store.ExpectedVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command decided: the events to append, the stream versions its decision relied on, and
 * the ids it created.
 *
 * @param events the events, in order
 * @param expectations the version each stream must still be at
 * @param ids the created ids by name
 */
public record Decision(List<Event> events, Map<String, ExpectedVersion> expectations, Map<String, String> ids) {

    /** Copies the inputs, keeping their order. */
    public Decision {
        events = List.copyOf(events);
        expectations = new LinkedHashMap<>(expectations);
        ids = new LinkedHashMap<>(ids);
    }

    /** A decision to emit these events. */
    public static Decision of(List<Event> events) {
        return new Decision(events, Map.of(), Map.of());
    }

    /** A decision to emit these events. */
    public static Decision of(Event... events) {
        return of(List.of(events));
    }

    /** This decision, relying on a stream being at a version (-1: not existing). */
    public Decision expecting(String streamId, long version) {
        Map<String, ExpectedVersion> more = new LinkedHashMap<>(expectations);
        more.put(streamId, version < 0 ? ExpectedVersion.NO_STREAM : ExpectedVersion.exactly(version));
        return new Decision(events, more, ids);
    }

    /** This decision, reporting an id it created (under its kind's name, {@code threadId} …). */
    public Decision withId(Identifier id) {
        Map<String, String> more = new LinkedHashMap<>(ids);
        more.put(CommandResult.nameOf(id), id.toString());
        return new Decision(events, expectations, more);
    }
}
