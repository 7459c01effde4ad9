package dev.threadline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.NewEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON Lines form of stored events (SPEC §6), shared by {@code events --json}, {@code export}
 * and {@code import}.
 */
final class EventLines {

    private final Session session;

    EventLines(Session session) {
        this.session = session;
    }

    /** A stored event as one JSON object, its payload without the {@code type} field. */
    ObjectNode toJson(StoredEvent event) {
        ObjectNode node = Output.MAPPER.createObjectNode();
        node.put("sequence", event.sequence());
        node.put("eventId", event.eventId().toString());
        node.put("streamId", event.streamId());
        node.put("streamVersion", event.streamVersion());
        node.put("type", event.type());
        node.put("occurredAt", event.occurredAt().toString());
        node.put("recordedAt", event.recordedAt().toString());
        node.put("commandId", event.commandId());
        node.put("causationId", event.causationId());
        node.put("correlationId", event.correlationId());
        node.set("payload", payload(event.event()));
        return node;
    }

    /** An event's catalogue fields, without the {@code type} field. */
    ObjectNode payload(Event event) {
        try {
            ObjectNode payload = (ObjectNode) Output.MAPPER.readTree(session.encodePayload(event));
            payload.remove("type");
            return payload;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the codec wrote JSON that does not parse", e);
        }
    }

    String toLine(StoredEvent event) {
        try {
            return Output.MAPPER.writeValueAsString(toJson(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * An event read from a line of an export.
     *
     * @param line its 1-based line number
     * @param streamId its stream
     * @param streamVersion its version in the stream
     * @param event the event to append, with its original id and metadata
     */
    record Imported(long line, String streamId, long streamVersion, NewEvent event) {}

    /**
     * Parses one line of an export.
     *
     * @throws CliFailure (usage) naming the line and what is wrong
     */
    Imported parse(long lineNumber, String line) {
        JsonNode node;
        try {
            node = Output.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw malformed(lineNumber, "it is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw malformed(lineNumber, "it is not a JSON object");
        }
        EventId eventId;
        try {
            eventId = EventId.parse(text(node, "eventId", lineNumber, true));
        } catch (IllegalArgumentException e) {
            throw malformed(lineNumber, "its eventId is not a UUID");
        }
        String streamId = text(node, "streamId", lineNumber, true);
        JsonNode version = node.get("streamVersion");
        if (version == null || !version.canConvertToLong() || !version.isIntegralNumber() || version.asLong() < 0) {
            throw malformed(lineNumber, "its streamVersion is missing or not a whole number of 0 or more");
        }
        String type = text(node, "type", lineNumber, true);
        JsonNode payload = node.get("payload");
        if (payload == null || !payload.isObject()) {
            throw malformed(lineNumber, "its payload is missing or not an object");
        }
        Event event;
        try {
            event = session.decodePayload(type, payload.toString());
        } catch (IllegalArgumentException e) {
            throw malformed(lineNumber, e.getMessage());
        }
        String occurredAt = text(node, "occurredAt", lineNumber, true);
        Instant occurred;
        try {
            occurred = Instant.parse(occurredAt);
        } catch (DateTimeParseException e) {
            throw malformed(lineNumber, "its occurredAt " + occurredAt + " is not a time (ISO-8601, in UTC)");
        }
        if (!occurred.equals(event.at())) {
            throw malformed(lineNumber, "its occurredAt " + occurredAt + " is not the event's time " + event.at());
        }
        if (!event.streamId().equals(streamId)) {
            throw malformed(lineNumber, "its streamId " + streamId + " is not the event's stream " + event.streamId());
        }
        EventMetadata metadata = new EventMetadata(
                text(node, "commandId", lineNumber, false),
                text(node, "causationId", lineNumber, false),
                text(node, "correlationId", lineNumber, false));
        return new Imported(lineNumber, streamId, version.asLong(), new NewEvent(eventId, event, metadata));
    }

    private static String text(JsonNode node, String field, long lineNumber, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw malformed(lineNumber, "it has no " + field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw malformed(lineNumber, "its " + field + " is not a string");
        }
        return value.asText();
    }

    static CliFailure malformed(long lineNumber, String reason) {
        return CliFailure.usage("line " + lineNumber + " is malformed: " + reason);
    }
}
