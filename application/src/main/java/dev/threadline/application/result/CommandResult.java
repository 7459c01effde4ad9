package dev.threadline.application.result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command did: the ids it created, by name ({@code projectId}, {@code turnId} …), and the
 * sequence of the last event it wrote.
 *
 * @param ids the ids it created, in a stable order
 * @param lastSequence the sequence of its last event
 * @param eventCount how many events it wrote
 */
public record CommandResult(Map<String, String> ids, long lastSequence, int eventCount) {

    /** Copies the ids, keeping their order. */
    public CommandResult {
        ids = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ids));
    }

    /** The id created under this name, or null. */
    public String id(String name) {
        return ids.get(name);
    }
}
