package dev.threadline.bootstrap.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.CreateCheckpoint;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.DeleteProject;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.event.ProjectDeleted;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadDeleted;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listings are in creation order whatever the instants look like: {@link Instant#toString()}
 * prints 0, 3, 6 or 9 fraction digits, so text order and time order differ.
 */
class ListingOrderTest {

    /** A clock that stays where the test puts it. */
    static final class SetClock extends Clock {
        private Instant now = Instant.parse("2025-01-02T03:04:05Z");

        void set(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;

    private final SetClock clock = new SetClock();

    private Threadline open() {
        Threadline.Options defaults = Threadline.Options.defaults();
        return Threadline.open(
                dir, new Threadline.Options(defaults.sqlite(), defaults.coalescing(), defaults.pollInterval(), clock));
    }

    @Test
    void projects_threads_and_checkpoints_are_listed_in_creation_order() {
        try (Threadline store = open()) {
            clock.set("2025-01-02T03:04:05Z");
            ProjectId first = store.execute(new CreateProject("a", "/src/a")).projectId();
            ThreadId firstThread =
                    store.execute(new CreateThread(first, "t", "m")).threadId();
            TurnId turn = store.execute(new StartTurn(firstThread, null)).turnId();
            store.execute(new CompleteTurn(firstThread));
            clock.set("2025-01-02T03:04:05.500Z");
            CheckpointId firstCheckpoint = store.execute(
                            new CreateCheckpoint(firstThread, turn, "refs/threadline/cp-1", ""))
                    .checkpointId();
            ProjectId second = store.execute(new CreateProject("b", "/src/b")).projectId();
            ThreadId secondThread =
                    store.execute(new CreateThread(first, "t", "m")).threadId();
            clock.set("2025-01-02T03:04:05.500001Z");
            CheckpointId secondCheckpoint = store.execute(
                            new CreateCheckpoint(firstThread, turn, "refs/threadline/cp-2", ""))
                    .checkpointId();
            ProjectId third = store.execute(new CreateProject("c", "/src/c")).projectId();
            ThreadId thirdThread =
                    store.execute(new CreateThread(first, "t", "m")).threadId();

            assertThat(store.queries().projects(false))
                    .extracting(ProjectView::id)
                    .containsExactly(first, second, third);
            assertThat(store.queries().threads(ThreadFilter.of(first)))
                    .extracting(ThreadView::id)
                    .containsExactly(firstThread, secondThread, thirdThread);
            assertThat(store.queries().checkpoints(firstThread))
                    .extracting(CheckpointView::id)
                    .containsExactly(firstCheckpoint, secondCheckpoint);
            assertThat(store.projections().verify(s -> {}).differences()).isEmpty();
        }
    }

    @Test
    void a_forced_project_delete_deletes_its_threads_in_creation_order() {
        try (Threadline store = open()) {
            clock.set("2025-01-02T03:04:05.500Z");
            ProjectId project = store.execute(new CreateProject("a", "/src/a")).projectId();
            ThreadId first = store.execute(new CreateThread(project, "t", "m")).threadId();
            clock.set("2025-01-02T03:04:05.500001Z");
            ThreadId second = store.execute(new CreateThread(project, "t", "m")).threadId();
            long before = store.events().lastSequence();

            store.execute(new DeleteProject(project, true));

            try (Stream<StoredEvent> batch = store.events().replayFrom(before)) {
                assertThat(batch.map(StoredEvent::event))
                        .containsExactly(
                                new ThreadDeleted(first, clock.instant()),
                                new ThreadDeleted(second, clock.instant()),
                                new ProjectDeleted(project, clock.instant()));
            }
        }
    }
}
