package dev.threadline.application.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.InMemoryThreadline;
import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.SetSetting;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.NewEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Catching up, rebuilding and verifying the projections through the store's surface: run here on
 * the fakes and by bootstrap's {@code SqliteProjectionMaintenanceTest} on SQLite.
 */
public class ProjectionMaintenanceTest {

    private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");

    /** Where the stores come from: the application on the in-memory fakes. */
    protected StoreUnderTest.Stores stores() {
        return InMemoryThreadline.stores();
    }

    /** What {@link #seed} made. */
    protected record Seeded(ThreadId thread, MessageId message) {}

    /** A project, a thread with a running turn and a streaming assistant message. */
    protected static Seeded seed(StoreUnderTest store) {
        ProjectId project = store.execute(new CreateProject("p", "/src/p")).projectId();
        ThreadId thread = store.execute(new CreateThread(project, "t", "m")).threadId();
        store.execute(new StartTurn(thread, "go"));
        MessageId message =
                store.execute(new AddMessage(thread, Role.ASSISTANT, "", true)).messageId();
        return new Seeded(thread, message);
    }

    /** The streaming assistant message {@link #seed} started, as the transcript shows it. */
    protected static MessageView seededMessage(StoreUnderTest store, Seeded seeded) {
        return store.queries()
                .transcript(seeded.thread())
                .turns()
                .get(0)
                .messages()
                .get(1);
    }

    /** Appends events straight to the log, as an import or another program would, without projecting them. */
    private void appendBehindTheProjections(EventStore log, Seeded seeded, int count) {
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

    @Test
    void a_projector_5000_events_behind_catches_up_fully_before_the_store_opens() {
        StoreUnderTest.Stores stores = stores();
        Seeded seeded;
        long before;
        try (StoreUnderTest store = stores.open()) {
            seeded = seed(store);
            before = store.events().lastSequence();
            appendBehindTheProjections(store.events(), seeded, 5_000);
        }

        try (StoreUnderTest store = stores.open()) {
            Projections.ProjectionStatus status = store.projections().status();
            assertThat(status.lastSequence()).isEqualTo(before + 5_000);
            assertThat(status.position()).isEqualTo(status.lastSequence());
            assertThat(store.queries().settings()).hasSize(2_500);
            MessageView message = seededMessage(store, seeded);
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
        try (StoreUnderTest store = stores().open()) {
            Seeded seeded = seed(store);
            store.events().append(AppendBatch.of(NewEvent.of(new SettingChanged("late.key", "v", AT))));

            store.execute(new SetSetting("other.key", "w"));

            assertThat(store.queries().setting("late.key")).isPresent();
            assertThat(store.projections().status().lag()).isZero();
            assertThat(seeded.thread()).isNotNull();
        }
    }

    @Test
    void rebuild_produces_the_same_read_models_as_inline_projection() {
        try (StoreUnderTest store = stores().open()) {
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
}
