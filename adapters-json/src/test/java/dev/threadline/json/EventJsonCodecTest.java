package dev.threadline.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventType;
import dev.threadline.domain.event.MessageAdded;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.SampleEvents;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.ThreadPurged;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every event type encoded under its one declared name, with the catalogue's JSON shape, and back. */
class EventJsonCodecTest {

    private static final Instant AT = Instant.parse("2026-11-23T21:00:00.123456Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventJsonCodec codec = new EventJsonCodec();

    @Test
    void every_event_type_is_encoded_with_its_declared_name_first_and_the_catalogue_fields() throws Exception {
        for (EventType type : EventType.values()) {
            JsonNode payload = JSON.readTree(codec.encode(SampleEvents.of(type)));

            assertThat(payload.fieldNames().next())
                    .as("first field of %s", type)
                    .isEqualTo("type");
            assertThat(payload.get("type").asText()).isEqualTo(type.typeName());
            List<String> fields = new ArrayList<>();
            payload.fieldNames().forEachRemaining(fields::add);
            assertThat(fields)
                    .as("payload fields of %s", type)
                    .containsExactlyInAnyOrderElementsOf(expectedFields(type));
        }
    }

    @Test
    void every_event_type_decodes_back_equal() {
        for (Event event : SampleEvents.oneOfEach()) {
            assertThat(codec.decode(event.typeName(), codec.encode(event))).isEqualTo(event);
        }
    }

    private static List<String> expectedFields(EventType type) {
        List<String> names = new ArrayList<>();
        names.add("type");
        Arrays.stream(type.eventClass().getRecordComponents())
                .map(component -> component.getName())
                .forEach(names::add);
        return names;
    }

    @Test
    void a_payload_in_the_catalogue_shape_decodes_to_the_event() {
        String payload = "{\"type\":\"MessageAdded\",\"threadId\":\"01937a4e-0000-7000-8000-000000000002\","
                + "\"turnId\":\"01937a4e-0000-7000-8000-000000000003\","
                + "\"messageId\":\"01937a4e-0000-7000-8000-000000000004\",\"role\":\"user\","
                + "\"text\":\"hi\",\"streaming\":false,\"at\":\"2026-11-23T21:00:00.123456Z\"}";

        Event decoded = codec.decode("MessageAdded", payload);

        assertThat(decoded).isEqualTo(hi());
    }

    /** The user message "hi" of the fixtures' thread, turn and message ids. */
    private static MessageAdded hi() {
        return new MessageAdded(
                ThreadId.parse("01937a4e-0000-7000-8000-000000000002"),
                TurnId.parse("01937a4e-0000-7000-8000-000000000003"),
                MessageId.parse("01937a4e-0000-7000-8000-000000000004"),
                Role.USER,
                "hi",
                false,
                AT);
    }

    @Test
    void a_removed_setting_has_no_value_field_and_decodes_without_a_value() throws Exception {
        SettingChanged removed = new SettingChanged("ui.theme", null, AT);

        String payload = codec.encode(removed);

        assertThat(JSON.readTree(payload).has("value")).isFalse();
        assertThat(codec.decode("SettingChanged", payload)).isEqualTo(removed);
    }

    @Test
    void a_purge_without_an_archive_has_no_archive_fields_and_decodes_back() throws Exception {
        ThreadPurged purged = new ThreadPurged(ThreadId.next(), ProjectId.next(), 12, 3_400, null, null, AT);

        String payload = codec.encode(purged);

        assertThat(JSON.readTree(payload).has("archive")).isFalse();
        assertThat(JSON.readTree(payload).has("archiveSha256")).isFalse();
        assertThat(codec.decode("ThreadPurged", payload)).isEqualTo(purged);
    }

    @Test
    void the_codec_refuses_to_encode_a_lone_surrogate() {
        assertThatThrownBy(() -> codec.encode(new SettingChanged("ui.font", "\uDC00 alone", AT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SettingChanged");
    }

    @Test
    void an_unknown_type_name_is_refused_by_name() {
        assertThatThrownBy(() -> codec.decode("ProjectExploded", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown event type 'ProjectExploded'");
    }

    @Test
    void a_payload_of_the_wrong_shape_is_refused_naming_its_type() {
        assertThatThrownBy(() -> codec.decode("SettingChanged", "{\"key\":7,\"at\":\"2026-11-23T21:00:00Z\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the SettingChanged payload cannot be decoded: ");
    }

    private static List<String> fields(JsonNode payload) {
        List<String> fields = new ArrayList<>();
        payload.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    @Test
    void the_stream_field_of_every_type_holds_its_stream_id() throws Exception {
        for (Event event : SampleEvents.oneOfEach()) {
            EventType type = EventType.of(event);
            JsonNode full = JSON.readTree(codec.encode(event));
            String field = EventJsonCodec.streamField(type);
            if (field == null) {
                assertThat(full.findValuesAsText(event.streamId()))
                        .as("%s", type)
                        .isEmpty();
            } else {
                assertThat(full.get(field).asText()).as("%s", type).isEqualTo(event.streamId());
            }
        }
    }

    @Test
    void the_stored_form_leaves_out_the_type_the_stream_id_and_the_time_and_keeps_the_rest() throws Exception {
        for (Event event : SampleEvents.oneOfEach()) {
            EventType type = EventType.of(event);
            JsonNode full = JSON.readTree(codec.encode(event));
            JsonNode stored = JSON.readTree(codec.encodeStored(event));

            List<String> kept = new ArrayList<>(fields(full));
            kept.removeAll(List.of("type", "at"));
            kept.remove(EventJsonCodec.streamField(type));
            assertThat(fields(stored)).as("%s", type).containsExactlyElementsOf(kept);
            for (String field : kept) {
                assertThat(stored.get(field)).as("%s.%s", type, field).isEqualTo(full.get(field));
            }
        }
    }

    @Test
    void a_type_without_a_stream_field_keeps_every_field_but_the_type_and_the_time_in_the_stored_form()
            throws Exception {
        List<EventType> derived = new ArrayList<>();
        for (Event event : SampleEvents.oneOfEach()) {
            EventType type = EventType.of(event);
            if (EventJsonCodec.streamField(type) != null) {
                continue;
            }
            derived.add(type);
            JsonNode full = JSON.readTree(codec.encode(event));
            String payload = codec.encodeStored(event);

            List<String> kept = new ArrayList<>(fields(full));
            kept.removeAll(List.of("type", "at"));
            assertThat(fields(JSON.readTree(payload))).as("%s", type).containsExactlyElementsOf(kept);
            // The stream is the type's own: a row's stream column cannot move the event elsewhere.
            Event decoded = codec.decodeStored(
                    event.typeName(), "another-stream", event.at().toString(), payload);
            assertThat(decoded).as("%s", type).isEqualTo(event);
            assertThat(decoded.streamId()).as("%s", type).isEqualTo(event.streamId());
        }
        assertThat(derived)
                .containsExactlyInAnyOrder(
                        EventType.SETTING_CHANGED, EventType.THREAD_PURGED, EventType.EVENTS_QUARANTINED);
    }

    @Test
    void a_purge_stored_on_the_store_stream_keeps_the_thread_and_project_it_names() throws Exception {
        ThreadPurged purged = new ThreadPurged(ThreadId.next(), ProjectId.next(), 12, 3_400, "a.jsonl", "ab", AT);

        JsonNode stored = JSON.readTree(codec.encodeStored(purged));

        assertThat(stored.get("threadId").asText()).isEqualTo(purged.threadId().toString());
        assertThat(stored.get("projectId").asText())
                .isEqualTo(purged.projectId().toString());
        assertThat(stored.has("type")).isFalse();
        assertThat(stored.has("at")).isFalse();
    }

    @Test
    void every_event_type_decodes_back_equal_from_the_stored_form_and_its_row() {
        for (Event event : SampleEvents.oneOfEach()) {
            String payload = codec.encodeStored(event);

            Event decoded = codec.decodeStored(
                    event.typeName(), event.streamId(), event.at().toString(), payload);

            assertThat(decoded).isEqualTo(event);
            assertThat(payload).doesNotContain(event.at().toString());
        }
    }

    @Test
    void in_the_stored_form_the_rows_stream_and_time_are_the_events() {
        MessageAdded event = hi();
        String otherThread = "01937a4e-0000-7000-8000-000000000009";

        Event decoded =
                codec.decodeStored("MessageAdded", otherThread, "2026-12-01T00:00:00Z", codec.encodeStored(event));

        assertThat(decoded.streamId()).isEqualTo(otherThread);
        assertThat(decoded.at()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void a_row_in_the_full_form_decodes_from_its_payload_whatever_the_columns_say() {
        for (Event event : SampleEvents.oneOfEach()) {
            assertThat(codec.decodeStored(event.typeName(), "settings", "not a time", codec.encode(event)))
                    .isEqualTo(event);
        }
    }

    @Test
    void a_stored_row_that_cannot_be_decoded_is_refused_with_its_type_named() {
        assertThatThrownBy(() -> codec.decodeStored("MessageAdded", "not-an-id", AT.toString(), "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MessageAdded");
        assertThatThrownBy(() -> codec.decodeStored("SettingChanged", "settings", AT.toString(), "[1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> codec.decodeStored("NoSuchType", "settings", AT.toString(), "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NoSuchType");
        assertThatThrownBy(() -> codec.decodeStored("ThreadArchived", "a\"b", AT.toString(), "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ThreadArchived");
    }
}
