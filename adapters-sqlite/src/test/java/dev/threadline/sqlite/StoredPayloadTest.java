package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.domain.error.DuplicateEventId;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventType;
import dev.threadline.domain.event.SampleEvents;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.json.EventJsonCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every event type stored in SQLite under its one declared name, its payload in the codec's stored
 * form (what the row's columns hold is not repeated in it), and rows in the full form, as earlier
 * versions wrote them, still read.
 */
class StoredPayloadTest {

    private static final Instant AT = Instant.parse("2026-11-23T21:00:00.123456Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private Path file;
    private SqliteDatabase database;
    private SqliteEventStore store;

    @BeforeEach
    void openStore() {
        file = directory.resolve(SqliteDatabase.FILE_NAME);
        database = SqliteFiles.open(file);
        store = SqliteFiles.storeOn(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private List<StoredEvent> replayAll() {
        try (Stream<StoredEvent> events = store.replayAll()) {
            return events.toList();
        }
    }

    @Test
    void every_event_type_is_stored_under_its_declared_name_once_and_reads_back_equal() throws Exception {
        List<Event> samples = SampleEvents.oneOfEach();
        assertThat(samples).hasSameSizeAs(EventType.values());
        List<NewEvent> batch = samples.stream().map(NewEvent::of).toList();

        store.append(AppendBatch.of(batch));

        List<StoredEvent> replayed = replayAll();
        assertThat(replayed).extracting(StoredEvent::event).containsExactlyElementsOf(samples);
        try (Connection connection = SqliteFiles.plainConnection(file);
                PreparedStatement query =
                        connection.prepareStatement("SELECT event_type, payload FROM events WHERE event_id = ?")) {
            for (int i = 0; i < batch.size(); i++) {
                EventType type = EventType.values()[i];
                query.setString(1, batch.get(i).eventId().toString());
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).as("row of %s", type).isTrue();
                    assertThat(row.getString("event_type")).isEqualTo(type.typeName());
                    JsonNode payload = JSON.readTree(row.getString("payload"));
                    List<String> fields = new ArrayList<>();
                    payload.fieldNames().forEachRemaining(fields::add);
                    assertThat(fields)
                            .as("payload fields of %s", type)
                            .containsExactlyInAnyOrderElementsOf(expectedFields(type));
                }
            }
        }
    }

    /** The catalogue fields but the stream's id and the time, which the row's columns hold. */
    private static List<String> expectedFields(EventType type) {
        List<String> names = new ArrayList<>();
        Arrays.stream(type.eventClass().getRecordComponents())
                .map(component -> component.getName())
                .filter(name -> !name.equals("at") && !name.equals(EventJsonCodec.streamField(type)))
                .forEach(names::add);
        return names;
    }

    @Test
    void rows_written_in_the_full_form_read_back_and_a_retry_of_them_writes_nothing() throws Exception {
        EventJsonCodec codec = new EventJsonCodec();
        List<NewEvent> batch =
                SampleEvents.oneOfEach().stream().map(NewEvent::of).toList();
        try (Connection connection = SqliteFiles.plainConnection(file);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO events (event_id, stream_id,"
                        + " stream_version, event_type, occurred_at, recorded_at, payload)"
                        + " VALUES (?, ?, (SELECT count(*) FROM events WHERE stream_id = ?), ?, ?, ?, ?)")) {
            for (NewEvent event : batch) {
                insert.setString(1, event.eventId().toString());
                insert.setString(2, event.event().streamId());
                insert.setString(3, event.event().streamId());
                insert.setString(4, event.event().typeName());
                insert.setString(5, event.event().at().toString());
                insert.setString(6, AT.toString());
                insert.setString(7, codec.encode(event.event()));
                insert.executeUpdate();
            }
        }

        List<StoredEvent> replayed = replayAll();
        List<StoredEvent> retried = store.append(AppendBatch.of(batch));

        assertThat(replayed).extracting(StoredEvent::event).containsExactlyElementsOf(SampleEvents.oneOfEach());
        assertThat(retried).isEqualTo(replayed);
        assertThat(store.lastSequence()).isEqualTo(batch.size());
    }

    @Test
    void a_retry_with_other_content_than_the_stored_form_holds_is_refused() {
        NewEvent first = NewEvent.of(new SettingChanged("ui.theme", "dark", AT));
        store.append(AppendBatch.of(first));
        NewEvent later = new NewEvent(
                first.eventId(), new SettingChanged("ui.theme", "dark", AT.plusSeconds(1)), first.metadata());

        assertThatThrownBy(() -> store.append(AppendBatch.of(later))).isInstanceOf(DuplicateEventId.class);
        assertThat(store.append(AppendBatch.of(first)))
                .extracting(StoredEvent::eventId)
                .containsExactly(first.eventId());
        assertThat(store.lastSequence()).isEqualTo(1);
    }

    @Test
    void a_removed_setting_has_no_value_field_and_reads_back_without_a_value() throws Exception {
        SettingChanged removed = new SettingChanged("ui.theme", null, AT);

        store.append(AppendBatch.of(NewEvent.of(removed)));

        assertThat(replayAll())
                .singleElement()
                .satisfies(e -> assertThat(e.event()).isEqualTo(removed));
        try (Connection connection = SqliteFiles.plainConnection(file);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT payload FROM events")) {
            assertThat(row.next()).isTrue();
            assertThat(JSON.readTree(row.getString(1)).has("value")).isFalse();
        }
    }

    @Test
    void an_event_holding_a_lone_surrogate_fails_with_an_encoding_error_and_the_batch_stores_nothing()
            throws Exception {
        NewEvent good = NewEvent.of(new SettingChanged("ui.theme", "dark", AT));
        NewEvent bad = NewEvent.of(new SettingChanged("ui.font", "broken \uD800 text", AT));

        assertThatThrownBy(() -> store.append(AppendBatch.of(good, bad)))
                .isInstanceOfSatisfying(
                        StorageFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo(StorageFailure.Reason.ENCODING))
                .hasMessageContaining(bad.eventId().toString());

        assertThat(replayAll()).isEmpty();
        assertThat(store.lastSequence()).isZero();
        try (Connection connection = SqliteFiles.plainConnection(file);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM events")) {
            assertThat(count.getLong(1)).isZero();
        }
    }

    @Test
    void text_with_a_valid_surrogate_pair_round_trips() {
        SettingChanged emoji = new SettingChanged("ui.greeting", "hello \uD83D\uDE00", AT);

        store.append(AppendBatch.of(NewEvent.of(emoji)));

        assertThat(replayAll())
                .singleElement()
                .satisfies(e -> assertThat(e.event()).isEqualTo(emoji));
    }
}
