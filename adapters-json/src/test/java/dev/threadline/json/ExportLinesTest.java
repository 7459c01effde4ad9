package dev.threadline.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventType;
import dev.threadline.domain.event.SampleEvents;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.NewEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The export line: its fields in order, the payload as the codec stores it, and every refusal. */
class ExportLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECORDED = Instant.parse("2026-11-23T21:00:01.5Z");

    private final ExportLines lines = new ExportLines();
    private final EventJsonCodec codec = new EventJsonCodec();

    private static StoredEvent stored(Event event, String commandId) {
        return new StoredEvent(
                12, EventId.next(), event.streamId(), 3, event.at(), RECORDED, commandId, null, "corr-1", event);
    }

    @Test
    void a_line_holds_the_envelope_fields_in_order_then_the_payload() throws Exception {
        JsonNode line = JSON.readTree(lines.encode(stored(SampleEvents.of(EventType.MESSAGE_ADDED), null)));

        List<String> fields = new ArrayList<>();
        line.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "sequence",
                        "eventId",
                        "streamId",
                        "streamVersion",
                        "type",
                        "occurredAt",
                        "recordedAt",
                        "commandId",
                        "causationId",
                        "correlationId",
                        "payload");
        assertThat(line.get("sequence").asLong()).isEqualTo(12);
        assertThat(line.get("type").asText()).isEqualTo("MessageAdded");
        assertThat(line.get("occurredAt").asText()).isEqualTo("2026-11-23T21:00:00.123456Z");
        assertThat(line.get("recordedAt").asText()).isEqualTo("2026-11-23T21:00:01.500Z");
        assertThat(line.get("commandId").isNull()).isTrue();
        assertThat(line.get("correlationId").asText()).isEqualTo("corr-1");
    }

    @Test
    void every_payload_is_the_stored_payload_without_its_type_field_in_the_same_order() throws Exception {
        for (Event event : SampleEvents.oneOfEach()) {
            ObjectNode storedPayload = (ObjectNode) JSON.readTree(codec.encode(event));
            storedPayload.remove("type");

            JsonNode linePayload =
                    JSON.readTree(lines.encode(stored(event, "c-1"))).get("payload");

            assertThat(JSON.writeValueAsString(linePayload))
                    .as("payload of %s", event.typeName())
                    .isEqualTo(JSON.writeValueAsString(storedPayload));
            assertThat(lines.payload(event)).isEqualTo(JSON.writeValueAsString(storedPayload));
            // As text: a tree built from a long holds a LongNode where a parsed one holds an IntNode.
            assertThat(JSON.writeValueAsString(lines.payloadTree(event)))
                    .isEqualTo(JSON.writeValueAsString(storedPayload));
        }
    }

    @Test
    void every_line_decodes_to_the_fields_it_was_written_from() {
        for (Event event : SampleEvents.oneOfEach()) {
            StoredEvent stored = stored(event, "c-1");

            ExportedEvent decoded = lines.decode(1, lines.encode(stored));

            assertThat(decoded)
                    .isEqualTo(new ExportedEvent(
                            stored.sequence(),
                            3,
                            new NewEvent(stored.eventId(), event, new EventMetadata("c-1", null, "corr-1"))));
        }
    }

    @Test
    void a_line_without_sequence_or_recorded_time_decodes_to_its_event() throws Exception {
        Event event = SampleEvents.of(EventType.THREAD_ARCHIVED);
        ObjectNode line = (ObjectNode) JSON.readTree(lines.encode(stored(event, null)));
        line.remove("sequence");
        line.remove("recordedAt");

        ExportedEvent decoded = lines.decode(4, JSON.writeValueAsString(line));

        assertThat(decoded.streamVersion()).isEqualTo(3);
        assertThat(decoded.event().event()).isEqualTo(event);
    }

    private String edited(java.util.function.Consumer<ObjectNode> change) throws Exception {
        ObjectNode line =
                (ObjectNode) JSON.readTree(lines.encode(stored(SampleEvents.of(EventType.PROJECT_CREATED), null)));
        change.accept(line);
        return JSON.writeValueAsString(line);
    }

    @Test
    void a_line_that_is_not_a_json_object_is_malformed_naming_its_number() {
        assertThatThrownBy(() -> lines.decode(5, "{not json"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("line 5 is malformed: it is not JSON (");
        assertThatThrownBy(() -> lines.decode(6, "[1,2]"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("line 6 is malformed: it is not a JSON object");
    }

    @Test
    void each_missing_or_mistyped_field_is_named() throws Exception {
        String noStream = edited(line -> line.remove("streamId"));
        String wordVersion = edited(line -> line.put("streamVersion", "zero"));
        String badId = edited(line -> line.put("eventId", "abc"));
        String stringPayload = edited(line -> line.put("payload", "{}"));
        String badSequence = edited(line -> line.put("sequence", -2));

        assertThatThrownBy(() -> lines.decode(1, noStream)).hasMessage("line 1 is malformed: it has no streamId");
        assertThatThrownBy(() -> lines.decode(1, wordVersion))
                .hasMessage("line 1 is malformed: its streamVersion is missing or not a whole number of 0 or more");
        assertThatThrownBy(() -> lines.decode(1, badId)).hasMessage("line 1 is malformed: its eventId is not a UUID");
        assertThatThrownBy(() -> lines.decode(1, stringPayload))
                .hasMessage("line 1 is malformed: its payload is missing or not an object");
        assertThatThrownBy(() -> lines.decode(1, badSequence))
                .hasMessage("line 1 is malformed: its sequence is not a whole number of 1 or more");
    }

    @Test
    void a_payload_that_does_not_decode_is_malformed_with_the_codecs_reason() throws Exception {
        String unknown = edited(line -> line.put("type", "ProjectExploded"));
        String badName = edited(line -> ((ObjectNode) line.get("payload")).put("name", 7));

        assertThatThrownBy(() -> lines.decode(2, unknown))
                .hasMessage("line 2 is malformed: unknown event type 'ProjectExploded'");
        assertThatThrownBy(() -> lines.decode(2, badName))
                .hasMessageStartingWith("line 2 is malformed: the ProjectCreated payload cannot be decoded: ");
    }

    @Test
    void the_stream_and_time_of_a_line_must_be_the_events_own() throws Exception {
        String otherTime = edited(line -> line.put("occurredAt", "2000-01-01T00:00:00Z"));
        String notATime = edited(line -> line.put("occurredAt", "yesterday"));
        String otherStream = edited(line -> line.put("streamId", "elsewhere"));

        assertThatThrownBy(() -> lines.decode(3, otherTime))
                .hasMessage("line 3 is malformed: its occurredAt 2000-01-01T00:00:00Z is not the event's time "
                        + "2026-11-23T21:00:00.123456Z");
        assertThatThrownBy(() -> lines.decode(3, notATime))
                .hasMessage("line 3 is malformed: its occurredAt yesterday is not a time (ISO-8601, in UTC)");
        assertThatThrownBy(() -> lines.decode(3, otherStream))
                .hasMessageStartingWith("line 3 is malformed: its streamId elsewhere is not the event's stream ");
    }
}
