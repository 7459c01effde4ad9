package dev.threadline.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
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
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Jackson configuration behind every JSON form of an event: ids as their UUID text, roles as
 * their labels, instants as ISO-8601 text, absent fields left out, and no coercion of one JSON
 * kind into another. The three mappers differ only in the fields they write: the catalogue fields
 * alone, with the {@code type} first (the full form), or without the fields a storage row keeps
 * in columns of its own (the stored form).
 */
final class JsonMappers {

    private JsonMappers() {}

    /** A mapper that knows ids, roles, instants and the event family, its type name in {@code type}. */
    static ObjectMapper fullForm() {
        ObjectMapper mapper = catalogue().addMixIn(Event.class, EventMixin.class);
        for (EventType type : EventType.values()) {
            mapper.registerSubtypes(new NamedType(type.eventClass(), type.typeName()));
        }
        return mapper;
    }

    /**
     * A mapper that writes an event without its type, its stream's id field ({@link
     * EventJsonCodec#streamField}) and {@code at}.
     */
    static ObjectMapper storedForm() {
        return catalogue()
                .registerModule(
                        new SimpleModule("threadline-stored-form").setSerializerModifier(new WithoutRowFields()));
    }

    /**
     * A mapper that writes and reads an event as its catalogue fields alone, without the {@code
     * type} field (the export line states the type beside the payload).
     */
    static ObjectMapper catalogue() {
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

    /** Leaves out of an event's JSON the fields a storage row keeps in columns of its own. */
    private static final class WithoutRowFields extends BeanSerializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public List<BeanPropertyWriter> changeProperties(
                SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> properties) {
            Class<?> type = description.getBeanClass();
            EventType eventType = null;
            for (EventType candidate : EventType.values()) {
                if (candidate.eventClass() == type) {
                    eventType = candidate;
                }
            }
            if (eventType == null) {
                return properties; // a field's value, not an event
            }
            String streamField = EventJsonCodec.streamField(eventType);
            return properties.stream()
                    .filter(property -> !property.getName().equals("at")
                            && !property.getName().equals(streamField))
                    .toList();
        }
    }

    @JsonTypeInfo(
            use = JsonTypeInfo.Id.NAME,
            include = JsonTypeInfo.As.PROPERTY,
            property = "type",
            requireTypeIdForSubtypes = OptBoolean.FALSE)
    private interface EventMixin {}

    /** Nothing skipped is written as no {@code skipped} field: one payload for a capture that skipped nothing. */
    private abstract static class CheckpointCreatedMixin {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract List<CheckpointCreated.Skipped> skipped();
    }

    private abstract static class RoleMixin {
        @JsonValue
        abstract String label();
    }
}
