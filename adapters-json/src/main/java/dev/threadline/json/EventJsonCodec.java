package dev.threadline.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventType;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns events into JSON payloads and back. The set of known types comes from {@link EventType},
 * the one declaration of type names; field names are the record components', so the catalogue's
 * names.
 *
 * <p>Two payload forms. The <em>full</em> form ({@link #encode}) holds every catalogue field with
 * the {@code type} first. The <em>stored</em> form ({@link #encodeStored}) is what a storage row's
 * payload holds: the catalogue fields without those the row keeps in columns of its own, the
 * type, the stream's id field ({@link #streamField}) and {@code at} (the row's time the event
 * occurred), so that each fact is stored once. {@link #decodeStored} reads both forms: rows
 * written in the full form, which begins with its {@code type}, keep decoding from their payload
 * alone; rows in the stored form take those fields from the row's columns. A stored payload larger
 * than about a kibibyte is kept deflated ({@code CompressedPayloads}), which decoding undoes.
 */
public final class EventJsonCodec {

    /** How a payload in the full form begins: with its type. */
    private static final String FULL_FORM_START = "{\"type\":";

    // The mappers are made on first use: a store opened to list what its read models hold encodes
    // and decodes nothing, and making them is a large part of a short command's start-up.
    private volatile Mappers mappers;
    // A reader is made on first use of its type: making one resolves its deserializer, and making
    // all of them up front cost a command-line run that decodes nothing a tenth of a second.
    private final AtomicReferenceArray<ObjectReader> readers = new AtomicReferenceArray<>(EventType.values().length);
    private final AtomicReferenceArray<ObjectReader> catalogueReaders =
            new AtomicReferenceArray<>(EventType.values().length);

    /** A codec with Threadline's JSON conventions. */
    public EventJsonCodec() {}

    /** The mappers of the two forms and of the catalogue's fields. */
    private record Mappers(ObjectMapper full, ObjectWriter writer, ObjectWriter storedWriter, ObjectMapper catalogue) {
        static Mappers make() {
            ObjectMapper full = JsonMappers.fullForm();
            return new Mappers(
                    full, full.writerFor(Event.class), JsonMappers.storedForm().writer(), JsonMappers.catalogue());
        }
    }

    private Mappers mappers() {
        Mappers made = mappers;
        if (made == null) {
            synchronized (this) {
                made = mappers;
                if (made == null) {
                    made = Mappers.make();
                    mappers = made;
                }
            }
        }
        return made;
    }

    /** The reader of a type's events from a mapper, made once (racing callers make equal ones). */
    private static ObjectReader readerOf(AtomicReferenceArray<ObjectReader> made, ObjectMapper from, EventType type) {
        ObjectReader reader = made.get(type.ordinal());
        if (reader == null) {
            reader = from.readerFor(type.eventClass());
            made.set(type.ordinal(), reader);
        }
        return reader;
    }

    /**
     * The catalogue field of events of a type that holds their stream's id, which a stored row
     * keeps in its stream id column; null for a type whose stream id is none of its fields (the
     * settings and store streams).
     */
    public static String streamField(EventType type) {
        return switch (type) {
            case PROJECT_CREATED, PROJECT_RENAMED, PROJECT_DELETED -> "projectId";
            case THREAD_CREATED,
                    THREAD_RENAMED,
                    THREAD_ARCHIVED,
                    THREAD_UNARCHIVED,
                    THREAD_DELETED,
                    TURN_STARTED,
                    TURN_COMPLETED,
                    TURN_FAILED,
                    TURN_INTERRUPTED,
                    MESSAGE_ADDED,
                    MESSAGE_DELTA_APPENDED,
                    MESSAGE_COMPLETED,
                    CHECKPOINT_CREATED,
                    CHECKPOINT_RESTORED,
                    THREAD_FORKED -> "threadId";
            case SETTING_CHANGED, THREAD_PURGED, EVENTS_QUARANTINED -> null;
        };
    }

    /**
     * The JSON payload of an event, with its {@code type} first.
     *
     * @throws IllegalArgumentException when the event holds text that is not valid Unicode
     */
    public String encode(Event event) {
        return encode(mappers().writer(), event);
    }

    private static String encode(ObjectWriter writer, Event event) {
        String json;
        try {
            json = writer.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "a " + event.typeName() + " event cannot be encoded as JSON: " + e.getOriginalMessage(), e);
        }
        // Jackson passes an unpaired surrogate through (its UTF-8 writer escapes it) instead of
        // failing, and SQLite would store it mangled: refuse it here.
        int broken = unpairedSurrogate(json);
        if (broken >= 0) {
            throw new IllegalArgumentException("a " + event.typeName()
                    + " event cannot be encoded as JSON: its text holds an unpaired UTF-16 surrogate (U+"
                    + Integer.toHexString(json.charAt(broken)).toUpperCase(Locale.ROOT) + "), which is not valid"
                    + " Unicode");
        }
        return json;
    }

    /**
     * The payload a storage row holds: the {@linkplain EventJsonCodec stored form}, without the
     * type, the stream's id and {@code at}, which the row keeps in columns of its own; compressed
     * when it is large ({@code CompressedPayloads}).
     *
     * @throws IllegalArgumentException when the event holds text that is not valid Unicode
     */
    public String encodeStored(Event event) {
        return CompressedPayloads.compress(encode(mappers().storedWriter(), event));
    }

    /**
     * The event a storage row holds. A compressed payload is inflated first. A payload in the full
     * form (it begins with its {@code type}) is decoded from the payload alone; one in the stored
     * form gets its stream's id and its {@code at} from the row's columns, which are then the only
     * record of them.
     *
     * @param typeName the row's type column
     * @param streamId the row's stream id column
     * @param occurredAt the row's time the event occurred, as ISO-8601 text
     * @param stored the row's payload column
     * @throws IllegalArgumentException naming what is wrong when the row cannot be decoded
     */
    public Event decodeStored(String typeName, String streamId, String occurredAt, String stored) {
        String payload =
                CompressedPayloads.isCompressed(stored) ? CompressedPayloads.inflate(typeName, stored) : stored;
        if (payload.startsWith(FULL_FORM_START)) {
            return decode(typeName, payload);
        }
        EventType type = EventType.named(typeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + typeName + "'"));
        String body = payload.strip();
        if (!body.startsWith("{")) {
            throw new IllegalArgumentException(
                    "the " + typeName + " payload cannot be decoded: it is not a JSON object");
        }
        StringBuilder json = new StringBuilder(payload.length() + streamId.length() + occurredAt.length() + 32);
        json.append('{');
        String field = streamField(type);
        if (field != null) {
            json.append('"').append(field).append("\":");
            quoted(json, streamId).append(',');
        }
        json.append("\"at\":");
        quoted(json, occurredAt);
        int rest = 1; // the payload's fields follow its opening brace, copied without a substring
        while (rest < body.length() && Character.isWhitespace(body.charAt(rest))) {
            rest++;
        }
        if (rest < body.length() && body.charAt(rest) != '}') {
            json.append(',');
        }
        json.append(body, rest, body.length());
        try {
            return readerOf(catalogueReaders, mappers().catalogue(), type).readValue(json.toString());
        } catch (IOException e) {
            throw undecodable(typeName, e);
        }
    }

    /** Appends text as a JSON string. */
    private static StringBuilder quoted(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                json.append(JsonStringEncoder.getInstance().quoteAsString(text));
                return json.append('"');
            }
        }
        return json.append(text).append('"');
    }

    /** The index of the first surrogate that is not half of a valid pair, or -1. */
    private static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The event stored under a type name with this payload. The payload's own {@code type} field
     * may be absent; when present it must agree.
     *
     * @throws IllegalArgumentException naming what is wrong when the payload cannot be decoded
     */
    public Event decode(String typeName, String payload) {
        try {
            return reader(typeName).readValue(payload);
        } catch (IOException e) {
            throw undecodable(typeName, e);
        }
    }

    /**
     * The event of this type with this payload, already parsed (an export line's). The payload's
     * own {@code type} field may be absent; when present it must agree.
     *
     * @throws IllegalArgumentException naming what is wrong when the payload cannot be decoded
     */
    public Event decode(String typeName, JsonNode payload) {
        try {
            return reader(typeName).readValue(payload);
        } catch (IOException e) {
            throw undecodable(typeName, e);
        }
    }

    private ObjectReader reader(String typeName) {
        EventType type = EventType.named(typeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + typeName + "'"));
        return readerOf(readers, mappers().full(), type);
    }

    private static IllegalArgumentException undecodable(String typeName, IOException e) {
        String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return new IllegalArgumentException("the " + typeName + " payload cannot be decoded: " + firstLine(reason), e);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown reason";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
