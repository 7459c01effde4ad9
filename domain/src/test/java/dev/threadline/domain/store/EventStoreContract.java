package dev.threadline.domain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.threadline.domain.error.DuplicateEventId;
import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.event.ProjectRenamed;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadCreated;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every behaviour of the {@link EventStore} port. Each implementation extends this class and
 * supplies only a fresh, empty store.
 */
public abstract class EventStoreContract {

    private static final Instant AT = Instant.parse("2026-11-23T21:00:00.123456Z");

    protected EventStore store;

    /** A new, empty store. */
    protected abstract EventStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    private static NewEvent created(ProjectId id) {
        return NewEvent.of(new ProjectCreated(id, "Threadline", "/src/threadline", AT));
    }

    private static NewEvent renamed(ProjectId id, String name) {
        return NewEvent.of(new ProjectRenamed(id, name, AT));
    }

    private static NewEvent setting(String key) {
        return NewEvent.of(new SettingChanged(key, "on", AT));
    }

    private List<StoredEvent> replay(long after) {
        try (Stream<StoredEvent> events = store.replayFrom(after)) {
            return events.toList();
        }
    }

    private List<StoredEvent> replayAll() {
        try (Stream<StoredEvent> events = store.replayAll()) {
            return events.toList();
        }
    }

    @Test
    void replaying_an_empty_store_returns_nothing() {
        assertThat(replayAll()).isEmpty();
        assertThat(replay(0)).isEmpty();
        assertThat(store.lastSequence()).isZero();
        assertThat(store.readStream("settings")).isEmpty();
    }

    @Test
    void one_appended_event_replays_with_sequence_1_and_an_equal_payload() {
        ProjectId project = ProjectId.next();
        NewEvent event = new NewEvent(
                EventId.next(),
                new ProjectCreated(project, "Threadline", "/src/threadline", AT),
                new EventMetadata("cmd-1", "cause-1", "corr-1"));

        List<StoredEvent> stored = store.append(AppendBatch.of(event));

        assertThat(stored).hasSize(1);
        List<StoredEvent> replayed = replayAll();
        assertThat(replayed).hasSize(1);
        StoredEvent first = replayed.get(0);
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.eventId()).isEqualTo(event.eventId());
        assertThat(first.streamId()).isEqualTo(project.toString());
        assertThat(first.streamVersion()).isZero();
        assertThat(first.type()).isEqualTo("ProjectCreated");
        assertThat(first.event()).isEqualTo(event.event());
        assertThat(first.occurredAt()).isEqualTo(AT);
        assertThat(first.recordedAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(first.commandId()).isEqualTo("cmd-1");
        assertThat(first.causationId()).isEqualTo("cause-1");
        assertThat(first.correlationId()).isEqualTo("corr-1");
        assertThat(stored.get(0)).isEqualTo(first);
        assertThat(store.lastSequence()).isEqualTo(1);
    }

    @Test
    void a_batch_gets_contiguous_sequences_and_per_stream_versions() {
        ProjectId a = ProjectId.next();
        ProjectId b = ProjectId.next();

        List<StoredEvent> stored = store.append(
                AppendBatch.of(created(a), created(b), renamed(a, "A2"), setting("x.y"), renamed(a, "A3")));

        assertThat(stored).extracting(StoredEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(stored).extracting(StoredEvent::streamVersion).containsExactly(0L, 0L, 1L, 0L, 2L);
        assertThat(replayAll()).isEqualTo(stored);
    }

    @Test
    void two_batches_continue_without_a_gap() {
        ProjectId a = ProjectId.next();
        store.append(AppendBatch.of(created(a), renamed(a, "one")));

        List<StoredEvent> second = store.append(AppendBatch.of(renamed(a, "two"), renamed(a, "three")));

        assertThat(second).extracting(StoredEvent::sequence).containsExactly(3L, 4L);
        assertThat(second).extracting(StoredEvent::streamVersion).containsExactly(2L, 3L);
        assertThat(replayAll()).extracting(StoredEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(store.lastSequence()).isEqualTo(4);
    }

    @Test
    void replay_from_n_returns_exactly_the_events_after_n() {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(setting("key.k" + i));
        }
        store.append(AppendBatch.of(events));

        for (long n = 0; n <= 10; n++) {
            assertThat(replay(n))
                    .extracting(StoredEvent::sequence)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(n + 1, 10).boxed().toList());
        }
        assertThat(replay(25)).isEmpty();
    }

    @Test
    void read_stream_returns_one_stream_in_version_order() {
        ProjectId a = ProjectId.next();
        ProjectId b = ProjectId.next();
        store.append(AppendBatch.of(created(a), created(b), renamed(a, "A2")));
        store.append(AppendBatch.of(renamed(b, "B2"), renamed(a, "A3")));

        assertThat(store.readStream(a.toString()))
                .extracting(e -> ((Object) e.streamVersion()), e -> (Object) e.type())
                .containsExactly(tuple(0L, "ProjectCreated"), tuple(1L, "ProjectRenamed"), tuple(2L, "ProjectRenamed"));
        assertThat(store.readStream(ProjectId.next().toString())).isEmpty();
    }

    @Test
    void expected_versions_that_hold_let_the_batch_through() {
        ProjectId a = ProjectId.next();
        store.append(AppendBatch.of(created(a)).expecting(a.toString(), ExpectedVersion.NO_STREAM));
        store.append(AppendBatch.of(renamed(a, "two")).expecting(a.toString(), ExpectedVersion.exactly(0)));
        store.append(AppendBatch.of(renamed(a, "three")).expecting(a.toString(), ExpectedVersion.ANY));

        assertThat(store.readStream(a.toString())).hasSize(3);
    }

    @Test
    void a_version_conflict_stores_nothing_of_the_batch_and_names_the_stream() {
        ProjectId a = ProjectId.next();
        ProjectId b = ProjectId.next();
        store.append(AppendBatch.of(created(a), renamed(a, "two")));

        AppendBatch stale =
                AppendBatch.of(created(b), renamed(a, "three")).expecting(a.toString(), ExpectedVersion.exactly(0));

        assertThatThrownBy(() -> store.append(stale))
                .isInstanceOfSatisfying(VersionConflict.class, conflict -> {
                    assertThat(conflict.streamId()).isEqualTo(a.toString());
                    assertThat(conflict.actualVersion()).isEqualTo(1);
                })
                .hasMessageContaining(a.toString());
        assertThat(replayAll()).hasSize(2);
        assertThat(store.readStream(b.toString())).isEmpty();
    }

    @Test
    void a_stream_given_a_first_version_continues_past_the_gap_and_then_from_its_last_version() {
        ProjectId a = ProjectId.next();
        ProjectId b = ProjectId.next();
        store.append(AppendBatch.of(created(a)));

        store.append(new AppendBatch(
                List.of(renamed(a, "two"), created(b), renamed(a, "three")),
                java.util.Map.of(a.toString(), ExpectedVersion.exactly(0)),
                java.util.Map.of(a.toString(), 3L)));
        store.append(AppendBatch.of(renamed(a, "four")));

        assertThat(store.readStream(a.toString()))
                .extracting(StoredEvent::streamVersion)
                .containsExactly(0L, 3L, 4L, 5L);
        assertThat(store.readStream(b.toString()))
                .extracting(StoredEvent::streamVersion)
                .containsExactly(0L);
    }

    @Test
    void a_first_version_not_past_the_stream_is_a_conflict_that_stores_nothing() {
        ProjectId a = ProjectId.next();
        store.append(AppendBatch.of(created(a), renamed(a, "two")));

        assertThatThrownBy(() -> store.append(new AppendBatch(
                        List.of(renamed(a, "three")), java.util.Map.of(), java.util.Map.of(a.toString(), 1L))))
                .isInstanceOfSatisfying(
                        VersionConflict.class,
                        conflict -> assertThat(conflict.actualVersion()).isEqualTo(1));
        assertThat(replayAll()).hasSize(2);
    }

    @Test
    void expecting_no_stream_on_an_existing_stream_is_a_conflict() {
        ProjectId a = ProjectId.next();
        store.append(AppendBatch.of(created(a)));

        assertThatThrownBy(() ->
                        store.append(AppendBatch.of(created(a)).expecting(a.toString(), ExpectedVersion.NO_STREAM)))
                .isInstanceOf(VersionConflict.class);
        assertThat(store.lastSequence()).isEqualTo(1);
    }

    @Test
    void a_duplicate_id_with_different_content_stores_nothing_and_names_the_id() {
        ProjectId a = ProjectId.next();
        NewEvent first = created(a);
        store.append(AppendBatch.of(first));

        NewEvent impostor = new NewEvent(first.eventId(), new ProjectRenamed(a, "other", AT), EventMetadata.NONE);
        AppendBatch batch = AppendBatch.of(impostor, renamed(a, "never stored"));

        assertThatThrownBy(() -> store.append(batch))
                .isInstanceOfSatisfying(
                        DuplicateEventId.class, e -> assertThat(e.eventId()).isEqualTo(first.eventId()))
                .hasMessageContaining(first.eventId().toString());
        assertThat(replayAll()).hasSize(1);
    }

    @Test
    void a_retry_of_the_same_ids_and_content_returns_the_stored_events_and_writes_nothing() {
        ProjectId a = ProjectId.next();
        AppendBatch batch = AppendBatch.of(created(a), renamed(a, "two"), setting("retry.safe"));
        List<StoredEvent> stored = store.append(batch);

        List<StoredEvent> again = store.append(batch);

        assertThat(again).isEqualTo(stored);
        assertThat(store.lastSequence()).isEqualTo(3);
        assertThat(replayAll()).isEqualTo(stored);
    }

    @Test
    void a_retry_carrying_the_expectations_its_first_attempt_satisfied_returns_the_stored_events() {
        ProjectId a = ProjectId.next();
        ThreadId t = ThreadId.next();
        store.append(AppendBatch.of(created(a)));
        AppendBatch batch = AppendBatch.of(
                        renamed(a, "two"), NewEvent.of(new ThreadCreated(t, a, "title", "model", AT)))
                .expecting(a.toString(), ExpectedVersion.exactly(0))
                .expecting(t.toString(), ExpectedVersion.NO_STREAM);
        List<StoredEvent> stored = store.append(batch);

        List<StoredEvent> again = store.append(batch);

        assertThat(again).isEqualTo(stored);
        assertThat(store.lastSequence()).isEqualTo(3);
    }

    @Test
    void a_retry_of_one_event_with_its_expectation_returns_it_even_after_the_stream_moved_on() {
        ProjectId a = ProjectId.next();
        AppendBatch batch = AppendBatch.of(created(a)).expecting(a.toString(), ExpectedVersion.NO_STREAM);
        List<StoredEvent> stored = store.append(batch);
        store.append(AppendBatch.of(renamed(a, "later")));

        List<StoredEvent> again = store.append(batch);

        assertThat(again).isEqualTo(stored);
        assertThat(store.lastSequence()).isEqualTo(2);
    }

    @Test
    void a_partly_stored_batch_with_expectations_is_refused_as_a_duplicate_not_a_conflict() {
        ProjectId a = ProjectId.next();
        NewEvent first = created(a);
        store.append(AppendBatch.of(first));

        assertThatThrownBy(() -> store.append(
                        AppendBatch.of(first, renamed(a, "two")).expecting(a.toString(), ExpectedVersion.NO_STREAM)))
                .isInstanceOf(DuplicateEventId.class);
        assertThat(store.lastSequence()).isEqualTo(1);
    }

    @Test
    void a_stale_expectation_on_new_events_is_still_a_conflict() {
        ProjectId a = ProjectId.next();
        store.append(AppendBatch.of(created(a), renamed(a, "two")));

        assertThatThrownBy(() -> store.append(
                        AppendBatch.of(renamed(a, "three")).expecting(a.toString(), ExpectedVersion.exactly(0))))
                .isInstanceOf(VersionConflict.class);
        assertThat(store.lastSequence()).isEqualTo(2);
    }

    @Test
    void a_batch_that_is_only_partly_stored_is_refused() {
        ProjectId a = ProjectId.next();
        NewEvent first = created(a);
        store.append(AppendBatch.of(first));

        assertThatThrownBy(() -> store.append(AppendBatch.of(first, renamed(a, "two"))))
                .isInstanceOf(DuplicateEventId.class);
        assertThat(store.lastSequence()).isEqualTo(1);
    }

    @Test
    void a_batch_that_fails_half_way_stores_nothing() {
        ProjectId a = ProjectId.next();
        store.append(AppendBatch.of(setting("before")));
        NewEvent good = created(a);
        // The third event reuses the first one's id with other content: the failure is found
        // only after the first two events have been written.
        NewEvent clash = new NewEvent(good.eventId(), new ProjectRenamed(a, "clash", AT), EventMetadata.NONE);

        assertThatThrownBy(() -> store.append(AppendBatch.of(good, setting("middle"), clash)))
                .isInstanceOf(DuplicateEventId.class);

        assertThat(replayAll()).extracting(StoredEvent::sequence).containsExactly(1L);
        assertThat(store.readStream(a.toString())).isEmpty();
        List<StoredEvent> next = store.append(AppendBatch.of(setting("after")));
        assertThat(next.get(0).sequence()).isEqualTo(2);
    }

    @Test
    void events_of_every_stream_kind_are_stored_under_their_stream() {
        ProjectId p = ProjectId.next();
        ThreadId t = ThreadId.next();
        Event thread = new ThreadCreated(t, p, "title", "model", AT);
        store.append(AppendBatch.of(created(p), NewEvent.of(thread), setting("a.b")));

        assertThat(store.readStream(t.toString()))
                .singleElement()
                .satisfies(e -> assertThat(e.event()).isEqualTo(thread));
        assertThat(store.readStream("settings")).hasSize(1);
    }
}
