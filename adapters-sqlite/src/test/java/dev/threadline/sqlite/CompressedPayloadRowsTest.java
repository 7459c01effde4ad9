package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.MessageAdded;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.domain.store.UndecodableEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large payloads are stored compressed in the {@code payload} column, read back equal, and a retry
 * of their batch writes nothing; a damaged compressed row is reported as undecodable and does not
 * stop the store.
 */
class CompressedPayloadRowsTest {

    private static final Instant AT = Instant.parse("2026-12-01T06:00:00.123456Z");

    @TempDir
    Path directory;

    private final ThreadId thread = ThreadId.next();
    private final TurnId turn = TurnId.next();
    private final MessageId message = MessageId.next();

    private static List<StoredEvent> replayAll(SqliteEventStore store) {
        try (Stream<StoredEvent> events = store.replayAll()) {
            return events.toList();
        }
    }

    private List<NewEvent> largeEvents() {
        String paragraph = "The redirect drops the session cookie, so the second request is anonymous. ";
        return List.of(
                NewEvent.of(new MessageAdded(thread, turn, message, Role.ASSISTANT, paragraph.repeat(30), false, AT)),
                NewEvent.of(new MessageDeltaAppended(thread, message, paragraph.repeat(20), AT)),
                NewEvent.of(new MessageDeltaAppended(thread, message, "a small delta", AT)));
    }

    private static List<String> payloads(Path file) throws SQLException {
        List<String> payloads = new ArrayList<>();
        try (Connection connection = SqliteFiles.plainConnection(file);
                PreparedStatement query = connection.prepareStatement("SELECT payload FROM events ORDER BY sequence");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                payloads.add(rows.getString(1));
            }
        }
        return payloads;
    }

    @Test
    void large_payloads_are_stored_compressed_read_back_equal_and_a_retry_writes_nothing() throws Exception {
        Path file = directory.resolve(SqliteDatabase.FILE_NAME);
        List<NewEvent> batch = largeEvents();
        try (SqliteDatabase database = SqliteFiles.open(file)) {
            SqliteEventStore store = SqliteFiles.storeOn(database);
            List<StoredEvent> first = store.append(AppendBatch.of(batch));

            List<StoredEvent> retried = store.append(AppendBatch.of(batch));

            assertThat(retried).isEqualTo(first);
            assertThat(store.lastSequence()).isEqualTo(3);
            assertThat(replayAll(store))
                    .extracting(StoredEvent::event)
                    .containsExactlyElementsOf(
                            batch.stream().map(NewEvent::event).toList());
        }
        List<String> stored = payloads(file);
        assertThat(stored).hasSize(3);
        assertThat(stored.get(0)).startsWith("~").doesNotContain("redirect");
        assertThat(stored.get(1)).startsWith("~");
        assertThat(stored.get(2)).startsWith("{").contains("a small delta");
    }

    @Test
    void a_damaged_compressed_row_is_reported_as_undecodable_and_the_others_still_read() throws Exception {
        Path file = directory.resolve(SqliteDatabase.FILE_NAME);
        List<NewEvent> batch = largeEvents();
        try (SqliteDatabase database = SqliteFiles.open(file)) {
            SqliteFiles.storeOn(database).append(AppendBatch.of(batch));
        }
        String intact = payloads(file).get(0);
        String damaged = intact.substring(0, intact.length() / 2)
                + (intact.charAt(intact.length() / 2) == 'A' ? 'B' : 'A')
                + intact.substring(intact.length() / 2 + 1);
        try (Connection connection = SqliteFiles.plainConnection(file);
                PreparedStatement update =
                        connection.prepareStatement("UPDATE events SET payload = ? WHERE sequence = 1")) {
            update.setString(1, damaged);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        try (SqliteDatabase database = SqliteFiles.open(file)) {
            SqliteEventStore store = SqliteFiles.storeOn(database);

            assertThat(replayAll(store))
                    .extracting(StoredEvent::event)
                    .containsExactly(batch.get(1).event(), batch.get(2).event());
            List<UndecodableEvent> undecodable = store.undecodableEvents();
            assertThat(undecodable)
                    .extracting(UndecodableEvent::sequence, UndecodableEvent::type)
                    .containsExactly(tuple(1L, "MessageAdded"));
            assertThat(undecodable.get(0).reason()).contains("compressed");
            Event next = new MessageDeltaAppended(thread, message, "after the damage", AT);
            assertThat(store.append(AppendBatch.of(NewEvent.of(next))))
                    .extracting(StoredEvent::sequence)
                    .containsExactly(4L);
        }
    }
}
