package dev.threadline.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.NewEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The export line format: one stored event as one JSON object on one line, its fields in this
 * order: {@code sequence, eventId, streamId, streamVersion, type, occurredAt, recordedAt,
 * commandId, causationId, correlationId, payload}. The payload holds the event's catalogue
 * fields without a {@code type} field (the line states the type). {@code events --json},
 * {@code export} and {@code import} share it.
 */
public final class ExportLines {

    /** Reads a line as a plain JSON tree; the event codec then reads the payload. Made on first use. */
    private static final class Line {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final EventJsonCodec codec = new EventJsonCodec();
    // Made on first use, as the codec's are: a store that writes no line never makes it.
    private volatile ObjectMapper catalogue;

    private ObjectMapper catalogue() {
        ObjectMapper made = catalogue;
        if (made == null) {
            synchronized (this) {
                made = catalogue;
                if (made == null) {
                    made = JsonMappers.catalogue();
                    catalogue = made;
                }
            }
        }
        return made;
    }

    /** The line of a stored event, without a line break. */
    public String encode(StoredEvent event) {
        StringWriter line = new StringWriter(512);
        try (JsonGenerator json = catalogue().createGenerator(line)) {
            json.writeStartObject();
            json.writeNumberField("sequence", event.sequence());
            json.writeStringField("eventId", event.eventId().toString());
            json.writeStringField("streamId", event.streamId());
            json.writeNumberField("streamVersion", event.streamVersion());
            json.writeStringField("type", event.type());
            json.writeStringField("occurredAt", event.occurredAt().toString());
            json.writeStringField("recordedAt", event.recordedAt().toString());
            json.writeStringField("commandId", event.commandId());
            json.writeStringField("causationId", event.causationId());
            json.writeStringField("correlationId", event.correlationId());
            json.writeFieldName("payload");
            catalogue().writeValue(json, event.event());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the line of event " + event.eventId(), e);
        }
        return line.toString();
    }

    /**
     * The line of a stored row that cannot be decoded: its columns under the export's field names,
     * in the export's order, each as stored; the payload is the stored text, as a JSON string. The
     * columns come one by one, as the application's {@code LogRemoval.RawRow} holds them, because
     * this module sees only the domain.
     */
    public String rawLine(
            long sequence,
            String eventId,
            String streamId,
            long streamVersion,
            String type,
            String occurredAt,
            String recordedAt,
            String commandId,
            String causationId,
            String correlationId,
            String payload) {
        StringWriter line = new StringWriter(512);
        try (JsonGenerator json = Line.MAPPER.createGenerator(line)) {
            json.writeStartObject();
            json.writeNumberField("sequence", sequence);
            json.writeStringField("eventId", eventId);
            json.writeStringField("streamId", streamId);
            json.writeNumberField("streamVersion", streamVersion);
            json.writeStringField("type", type);
            json.writeStringField("occurredAt", occurredAt);
            json.writeStringField("recordedAt", recordedAt);
            json.writeStringField("commandId", commandId);
            json.writeStringField("causationId", causationId);
            json.writeStringField("correlationId", correlationId);
            json.writeStringField("payload", payload);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the line of row " + sequence, e);
        }
        return line.toString();
    }

    /** An event's catalogue fields as one JSON object, without the {@code type} field. */
    public String payload(Event event) {
        try {
            return catalogue().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a " + event.typeName() + " event cannot be encoded as JSON", e);
        }
    }

    /** An event's catalogue fields as a JSON tree, without the {@code type} field. */
    public ObjectNode payloadTree(Event event) {
        return catalogue().valueToTree(event);
    }

    /**
     * Reads one line of an export. The stream and time must be the event's own; {@code sequence}
     * and {@code recordedAt} may be absent (an import assigns its own) and are checked when present.
     *
     * @param lineNumber its 1-based number in the input, named in errors
     * @throws InvalidInput "line N is malformed: …" saying what is wrong
     */
    public ExportedEvent decode(long lineNumber, String line) {
        JsonNode node;
        try {
            node = Line.MAPPER.readTree(line);
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
            event = codec.decode(type, payload);
        } catch (IllegalArgumentException e) {
            throw malformed(lineNumber, e.getMessage());
        }
        Instant occurred = instant(node, "occurredAt", lineNumber, true);
        if (!occurred.equals(event.at())) {
            throw malformed(
                    lineNumber,
                    "its occurredAt " + text(node, "occurredAt", lineNumber, true) + " is not the event's time "
                            + event.at());
        }
        if (!event.streamId().equals(streamId)) {
            throw malformed(lineNumber, "its streamId " + streamId + " is not the event's stream " + event.streamId());
        }
        EventMetadata metadata = new EventMetadata(
                text(node, "commandId", lineNumber, false),
                text(node, "causationId", lineNumber, false),
                text(node, "correlationId", lineNumber, false));
        long sequence = sequence(node, lineNumber);
        instant(node, "recordedAt", lineNumber, false);
        return new ExportedEvent(sequence, version.asLong(), new NewEvent(eventId, event, metadata));
    }

    /** The line's sequence, checked, or 0 when it has none. */
    private static long sequence(JsonNode node, long lineNumber) {
        JsonNode sequence = node.get("sequence");
        if (sequence != null
                && !sequence.isNull()
                && (!sequence.isIntegralNumber() || !sequence.canConvertToLong() || sequence.asLong() < 1)) {
            throw malformed(lineNumber, "its sequence is not a whole number of 1 or more");
        }
        return sequence == null || sequence.isNull() ? 0 : sequence.asLong();
    }

    private static Instant instant(JsonNode node, String field, long lineNumber, boolean required) {
        String text = text(node, field, lineNumber, required);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed(lineNumber, "its " + field + " " + text + " is not a time (ISO-8601, in UTC)");
        }
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

    /** The error of a line that cannot be read: "line N is malformed: reason". */
    public static InvalidInput malformed(long lineNumber, String reason) {
        return new InvalidInput("line " + lineNumber + " is malformed: " + reason);
    }
}
