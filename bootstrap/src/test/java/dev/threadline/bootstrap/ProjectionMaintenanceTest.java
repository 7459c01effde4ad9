package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.command.CompleteMessage;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.SetSetting;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.projection.ProjectionDifference;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.domain.store.UndecodableEvent;
import dev.threadline.sqlite.SqliteDatabase;
import dev.threadline.sqlite.SqliteEventStore;
import dev.threadline.sqlite.SqliteOptions;
import dev.threadline.sqlite.SqliteProjections;
import dev.threadline.sqlite.json.EventJsonCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionMaintenanceTest {

    private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");

    @TempDir
    Path dir;

    private record Seeded(ThreadId thread, MessageId message) {}

    /** A project, a thread with a running turn and a streaming assistant message. */
    private Seeded seed(Threadline store) {
        ProjectId project = store.execute(new CreateProject("p", "/src/p")).projectId();
        ThreadId thread = store.execute(new CreateThread(project, "t", "m")).threadId();
        store.execute(new StartTurn(thread, "go"));
        MessageId message =
                store.execute(new AddMessage(thread, Role.ASSISTANT, "", true)).messageId();
        return new Seeded(thread, message);
    }

    /** Appends events straight to the log, as an import or another program would, without projecting them. */
    private void appendBehindTheProjections(Seeded seeded, int count) {
        try (SqliteDatabase database =
                SqliteDatabase.open(dir.resolve(SqliteDatabase.FILE_NAME), SqliteOptions.defaults())) {
            EventStore log = new SqliteEventStore(database, new EventJsonCodec(), Clock.systemUTC());
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(NewEvent.of(
                        i % 2 == 0
                                ? new MessageDeltaAppended(seeded.thread(), seeded.message(), "d" + i + " ", AT)
                                : new SettingChanged("bulk.k" + i, "v" + i, AT)));
                if (batch.size() == 700) {
                    log.append(AppendBatch.of(batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                log.append(AppendBatch.of(batch));
            }
        }
    }

    @Test
    void a_projector_5000_events_behind_catches_up_fully_before_the_store_opens() {
        Seeded seeded;
        long before;
        try (Threadline store = Threadline.open(dir)) {
            seeded = seed(store);
            before = store.events().lastSequence();
        }
        appendBehindTheProjections(seeded, 5_000);

        try (Threadline store = Threadline.open(dir)) {
            Projections.ProjectionStatus status = store.projections().status();
            assertThat(status.lastSequence()).isEqualTo(before + 5_000);
            assertThat(status.position()).isEqualTo(status.lastSequence());
            assertThat(store.queries().settings()).hasSize(2_500);
            MessageView message = store.queries()
                    .transcript(seeded.thread())
                    .turns()
                    .get(0)
                    .messages()
                    .get(1);
            assertThat(message.text()).startsWith("d0 d2 d4 ").endsWith("d4998 ");
            assertThat(store.queries().thread(seeded.thread()).version())
                    .isEqualTo(store.events()
                                    .readStream(seeded.thread().toString())
                                    .size()
                            - 1L);
            assertThat(store.projections().verify(s -> {}).clean()).isTrue();
        }
    }

    @Test
    void a_command_decides_from_events_appended_behind_the_projections_of_an_open_store() {
        try (Threadline store = Threadline.open(dir)) {
            Seeded seeded = seed(store);
            store.events().append(AppendBatch.of(NewEvent.of(new SettingChanged("late.key", "v", AT))));

            store.execute(new SetSetting("other.key", "w"));

            assertThat(store.queries().setting("late.key")).isPresent();
            assertThat(store.projections().status().lag()).isZero();
            assertThat(seeded.thread()).isNotNull();
        }
    }

    @Test
    void a_current_store_opens_without_replaying_the_log() {
        try (Threadline store = Threadline.open(dir)) {
            seed(store);
        }
        try (SqliteDatabase database =
                SqliteDatabase.open(dir.resolve(SqliteDatabase.FILE_NAME), SqliteOptions.defaults())) {
            AtomicInteger replays = new AtomicInteger();
            EventStore log = new CountingReplays(
                    new SqliteEventStore(database, new EventJsonCodec(), Clock.systemUTC()), replays);
            Projections projections = new Projections(
                    log, SqliteProjections.storage(database), SqliteProjections.scratchSpace(SqliteOptions.defaults()));

            long applied = projections.catchUp();

            assertThat(applied).isZero();
            assertThat(replays).hasValue(0);
        }
    }

    @Test
    void rebuild_produces_the_same_read_models_as_inline_projection() {
        try (Threadline store = Threadline.open(dir)) {
            Seeded seeded = seed(store);
            store.execute(new SetSetting("ui.theme", "dark"));
            var threadBefore = store.queries().thread(seeded.thread());
            var transcriptBefore = store.queries().transcript(seeded.thread());

            long applied = store.projections().rebuild(s -> {});

            assertThat(applied).isEqualTo(store.events().lastSequence());
            assertThat(store.queries().thread(seeded.thread())).isEqualTo(threadBefore);
            assertThat(store.queries().transcript(seeded.thread())).isEqualTo(transcriptBefore);
            assertThat(store.projections().verify(s -> {}).clean()).isTrue();
        }
    }

    @Test
    void verify_reports_a_planted_difference_with_table_key_column_expected_and_actual() throws Exception {
        Seeded seeded;
        try (Threadline store = Threadline.open(dir)) {
            seeded = seed(store);
        }
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteDatabase.FILE_NAME));
                Statement statement = plain.createStatement()) {
            statement.executeUpdate(
                    "UPDATE projection_threads SET title = 'tampered' WHERE thread_id = '" + seeded.thread() + "'");
            statement.executeUpdate("DELETE FROM projection_turns");
        }
        try (Threadline store = Threadline.open(dir)) {
            List<ProjectionDifference> differences =
                    store.projections().verify(s -> {}).differences();

            assertThat(differences)
                    .contains(new ProjectionDifference(
                            "projection_threads", seeded.thread().toString(), "title", "t", "tampered"));
            assertThat(differences).anySatisfy(d -> {
                assertThat(d.table()).isEqualTo("projection_turns");
                assertThat(d.column()).isEqualTo("*");
                assertThat(d.actual()).isNull();
            });

            store.projections().rebuild(s -> {});
            assertThat(store.projections().verify(s -> {}).clean()).isTrue();
        }
    }

    @Test
    void streamed_deltas_are_kept_as_rows_while_streaming_and_folded_into_the_text_at_completion() throws Exception {
        try (Threadline store = Threadline.open(dir)) {
            Seeded seeded = seed(store);
            for (int i = 0; i < 50; i++) {
                store.execute(new AppendDelta(seeded.thread(), seeded.message(), "t" + i + " "));
            }
            assertThat(deltaRows()).isEqualTo(50);
            assertThat(store.projections().verify(s -> {}).clean()).isTrue();

            store.execute(new CompleteMessage(seeded.thread(), seeded.message()));

            MessageView message = store.queries()
                    .transcript(seeded.thread())
                    .turns()
                    .get(0)
                    .messages()
                    .get(1);
            assertThat(message.text()).startsWith("t0 t1 t2 ").endsWith("t49 ").hasSize(190);
            assertThat(message.streaming()).isFalse();
            assertThat(deltaRows()).isZero();
            assertThat(store.projections().verify(s -> {}).clean()).isTrue();
            store.projections().rebuild(s -> {});
            assertThat(store.queries()
                            .transcript(seeded.thread())
                            .turns()
                            .get(0)
                            .messages()
                            .get(1))
                    .isEqualTo(message);
        }
    }

    private long deltaRows() throws Exception {
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteDatabase.FILE_NAME));
                Statement statement = plain.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM projection_message_deltas")) {
            return rows.getLong(1);
        }
    }

    @Test
    void an_undecodable_row_never_stops_the_store_from_opening_and_is_reported() throws Exception {
        try (Threadline store = Threadline.open(dir)) {
            seed(store);
        }
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteDatabase.FILE_NAME));
                Statement statement = plain.createStatement()) {
            statement.executeUpdate("INSERT INTO events (event_id, stream_id, stream_version, event_type, occurred_at,"
                    + " recorded_at, payload) VALUES ('not-a-uuid', 'settings', 99, 'FutureEvent',"
                    + " '2026-11-24T08:00:00Z', '2026-11-24T08:00:00Z', '{}')");
        }
        try (Threadline store = Threadline.open(dir)) {
            List<UndecodableEvent> bad = store.events().undecodableEvents();
            assertThat(bad).singleElement().satisfies(u -> {
                assertThat(u.sequence()).isEqualTo(store.events().lastSequence());
                assertThat(u.type()).isEqualTo("FutureEvent");
                assertThat(u.reason()).contains("FutureEvent");
            });
            assertThat(store.projections().status().lag()).isZero();
            store.execute(new SetSetting("still.works", "yes"));
            assertThat(store.queries().setting("still.works")).isPresent();
        }
    }

    /** An event store that counts replays. */
    private record CountingReplays(EventStore delegate, AtomicInteger replays) implements EventStore {
        @Override
        public List<StoredEvent> append(AppendBatch batch) {
            return delegate.append(batch);
        }

        @Override
        public Stream<StoredEvent> replayFrom(long afterSequence) {
            replays.incrementAndGet();
            return delegate.replayFrom(afterSequence);
        }

        @Override
        public List<StoredEvent> readStream(String streamId) {
            return delegate.readStream(streamId);
        }

        @Override
        public long lastSequence() {
            return delegate.lastSequence();
        }

        @Override
        public List<UndecodableEvent> undecodableEvents() {
            return delegate.undecodableEvents();
        }
    }
}
