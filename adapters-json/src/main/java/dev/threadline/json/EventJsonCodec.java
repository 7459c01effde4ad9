package dev.threadline.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventType;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.Identifier;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.id.UuidV7;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns events into the stored JSON payload and back. The payload's {@code type} field and the
 * set of known types come from {@link EventType}, the one declaration of type names; field names
 * are the record components', so the catalogue's names.
 */
public final class EventJsonCodec {

    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final Map<EventType, ObjectReader> readers = new EnumMap<>(EventType.class);

    /** A codec with Threadline's JSON conventions. */
    public EventJsonCodec() {
        mapper = newMapper();
        writer = mapper.writerFor(Event.class);
        for (EventType type : EventType.values()) {
            readers.put(type, mapper.readerFor(type.eventClass()));
        }
    }

    /** A mapper that knows ids, roles, instants and the event family, its type name in {@code type}. */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = catalogueMapper().addMixIn(Event.class, EventMixin.class);
        for (EventType type : EventType.values()) {
            mapper.registerSubtypes(new NamedType(type.eventClass(), type.typeName()));
        }
        return mapper;
    }

    /**
     * A mapper that writes and reads an event as its catalogue fields alone, without the {@code
     * type} field (the export line states the type beside the payload).
     */
    static ObjectMapper catalogueMapper() {
        SimpleModule ids = new SimpleModule("threadline-ids");
        ids.addSerializer(Identifier.class, new IdentifierSerializer());
        addIdDeserializer(ids, EventId.class, EventId::new);
        addIdDeserializer(ids, ProjectId.class, ProjectId::new);
        addIdDeserializer(ids, ThreadId.class, ThreadId::new);
        addIdDeserializer(ids, TurnId.class, TurnId::new);
        addIdDeserializer(ids, MessageId.class, MessageId::new);
        addIdDeserializer(ids, CheckpointId.class, CheckpointId::new);
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(ids)
                .addMixIn(Role.class, RoleMixin.class)
                .addMixIn(CheckpointCreated.class, CheckpointCreatedMixin.class)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        // A number or a boolean where text belongs (or text where a boolean belongs) is an error, not a guess.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /**
     * The JSON payload of an event, with its {@code type} first.
     *
     * @throws IllegalArgumentException when the event holds text that is not valid Unicode
     */
    public String encode(Event event) {
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
        return readers.get(type);
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

    private static <T extends Identifier> void addIdDeserializer(
            SimpleModule module, Class<T> type, Function<UUID, T> factory) {
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String text = parser.getValueAsString();
                try {
                    return factory.apply(UuidV7.parse(text));
                } catch (IllegalArgumentException e) {
                    return context.reportInputMismatch(type, "%s", e.getMessage());
                }
            }
        });
    }

    private static final class IdentifierSerializer extends StdSerializer<Identifier> {
        private static final long serialVersionUID = 1L;

        IdentifierSerializer() {
            super(Identifier.class);
        }

        @Override
        public void serialize(Identifier id, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(id.value().toString());
        }
    }

    @JsonTypeInfo(
            use = JsonTypeInfo.Id.NAME,
            include = JsonTypeInfo.As.PROPERTY,
            property = "type",
            requireTypeIdForSubtypes = OptBoolean.FALSE)
    private interface EventMixin {}

    /** Nothing skipped is written as no {@code skipped} field, as rows stored before the field existed. */
    private abstract static class CheckpointCreatedMixin {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract List<CheckpointCreated.Skipped> skipped();
    }

    private abstract static class RoleMixin {
        @JsonValue
        abstract String label();
    }
}
