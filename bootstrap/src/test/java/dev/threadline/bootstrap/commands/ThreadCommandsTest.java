package dev.threadline.bootstrap.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.command.ArchiveThread;
import dev.threadline.application.command.CompleteMessage;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.CreateCheckpoint;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.DeleteThread;
import dev.threadline.application.command.FailTurn;
import dev.threadline.application.command.InterruptTurn;
import dev.threadline.application.command.RenameThread;
import dev.threadline.application.command.RestoreCheckpoint;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.command.UnarchiveThread;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadArchived;
import dev.threadline.domain.event.ThreadCreated;
import dev.threadline.domain.event.ThreadDeleted;
import dev.threadline.domain.event.ThreadRenamed;
import dev.threadline.domain.event.ThreadUnarchived;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCommandsTest extends CommandFixture {

    private StoredEvent lastOf(ThreadId thread) {
        List<StoredEvent> stream = store.events().readStream(thread.toString());
        return stream.get(stream.size() - 1);
    }

    @Test
    void creating_a_thread_stores_thread_created_and_lists_it_empty() {
        ProjectId project = project();

        ThreadId id =
                store.execute(new CreateThread(project, "Fix it", "model-x")).threadId();

        StoredEvent created = lastOf(id);
        assertThat(created.event())
                .isEqualTo(new ThreadCreated(
                        id, project, "Fix it", "model-x", created.event().at()));
        assertThat(store.queries().threads(ThreadFilter.of(project)))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.id()).isEqualTo(id);
                    assertThat(t.title()).isEqualTo("Fix it");
                    assertThat(t.model()).isEqualTo("model-x");
                    assertThat(t.turnCount()).isZero();
                    assertThat(t.messageCount()).isZero();
                    assertThat(t.runningTurn()).isNull();
                    assertThat(t.archived()).isFalse();
                    assertThat(t.deleted()).isFalse();
                    assertThat(t.createdAt()).isEqualTo(created.event().at());
                    assertThat(t.lastActivityAt()).isEqualTo(created.event().at());
                });
        assertProjectionsClean();
    }

    @Test
    void a_thread_without_a_title_is_refused() {
        assertRefused(new CreateThread(project(), " ", "model-x"), "thread-title-required");
    }

    @Test
    void a_thread_without_a_model_is_refused() {
        assertRefused(new CreateThread(project(), "Fix it", ""), "thread-model-required");
    }

    @Test
    void renaming_a_thread_changes_its_title_and_activity() {
        ThreadId id = thread();

        store.execute(new RenameThread(id, "Better title"));

        StoredEvent renamed = lastOf(id);
        assertThat(renamed.event())
                .isEqualTo(new ThreadRenamed(id, "Better title", renamed.event().at()));
        ThreadView view = store.queries().thread(id);
        assertThat(view.title()).isEqualTo("Better title");
        assertThat(view.lastActivityAt()).isEqualTo(renamed.event().at());
        assertThat(view.version()).isEqualTo(1);
        assertProjectionsClean();
    }

    @Test
    void a_command_on_an_unknown_thread_is_not_found() {
        assertRefused(new RenameThread(ThreadId.next(), "x"), NotFound.class);
        assertRefused(new StartTurn(ThreadId.next(), "x"), NotFound.class);
    }

    @Test
    void archiving_hides_a_thread_from_default_listings_and_unarchiving_shows_it_again() {
        ProjectId project = project();
        ThreadId id = thread(project);

        store.execute(new ArchiveThread(id));

        assertThat(lastOf(id).event()).isInstanceOf(ThreadArchived.class);
        assertThat(store.queries().threads(ThreadFilter.of(project))).isEmpty();
        assertThat(store.queries().threads(new ThreadFilter(project, true, false)))
                .extracting(ThreadView::id, ThreadView::archived)
                .containsExactly(tuple(id, true));
        assertProjectionsClean();

        store.execute(new UnarchiveThread(id));

        assertThat(lastOf(id).event()).isInstanceOf(ThreadUnarchived.class);
        assertThat(store.queries().threads(ThreadFilter.of(project)))
                .extracting(ThreadView::id, ThreadView::archived)
                .containsExactly(tuple(id, false));
        assertProjectionsClean();
    }

    @Test
    void archiving_an_archived_thread_is_refused() {
        ThreadId id = thread();
        store.execute(new ArchiveThread(id));

        assertRefused(new ArchiveThread(id), "thread-not-archived");
    }

    @Test
    void archiving_a_thread_with_a_running_turn_is_refused() {
        ThreadId id = thread();
        startTurn(id);

        assertRefused(new ArchiveThread(id), "thread-archive-idle");
    }

    @Test
    void unarchiving_an_active_thread_is_refused() {
        assertRefused(new UnarchiveThread(thread()), "thread-archived");
    }

    @Test
    void an_archived_thread_accepts_no_turns_or_messages_until_unarchived() {
        ThreadId id = thread();
        TurnId turn = endedTurn(id);
        store.execute(new ArchiveThread(id));

        assertRefused(new StartTurn(id, "hi"), "thread-archived-read-only");
        assertRefused(new StartTurn(id, null), "thread-archived-read-only");
        assertRefused(new AddMessage(id, Role.ASSISTANT, "hi", false), "thread-archived-read-only");
        assertRefused(new CompleteTurn(id), "thread-archived-read-only");
        assertRefused(new CreateCheckpoint(id, turn, "refs/threadline/cp-1", ""), "thread-archived-read-only");

        store.execute(new UnarchiveThread(id));
        TurnId next = startTurn(id);
        addMessage(id, "answer", false);

        assertThat(store.queries().thread(id).runningTurn()).isEqualTo(next);
        assertThat(store.queries().thread(id).messageCount()).isEqualTo(3);
    }

    @Test
    void a_deleted_thread_accepts_nothing() {
        ThreadId id = thread();
        TurnId turn = startTurn(id);
        MessageId message = addMessage(id, "", true);
        store.execute(new CompleteTurn(id));
        CheckpointId checkpoint = checkpoint(id, turn, "refs/threadline/cp-1");
        store.execute(new DeleteThread(id));

        assertRefused(new DeleteThread(id), "thread-deleted");
        assertRefused(new RenameThread(id, "x"), "thread-deleted");
        assertRefused(new ArchiveThread(id), "thread-deleted");
        assertRefused(new UnarchiveThread(id), "thread-deleted");
        assertRefused(new StartTurn(id, "hi"), "thread-deleted");
        assertRefused(new CompleteTurn(id), "thread-deleted");
        assertRefused(new FailTurn(id, "boom"), "thread-deleted");
        assertRefused(new InterruptTurn(id), "thread-deleted");
        assertRefused(new AddMessage(id, Role.USER, "hi", false), "thread-deleted");
        assertRefused(new AppendDelta(id, message, "x"), "thread-deleted");
        assertRefused(new CompleteMessage(id, message), "thread-deleted");
        assertRefused(new CreateCheckpoint(id, turn, "refs/threadline/cp-2", ""), "thread-deleted");
        assertRefused(new RestoreCheckpoint(id, checkpoint), "thread-deleted");
    }

    @Test
    void a_thread_deleted_while_a_turn_runs_accepts_nothing_either() {
        ThreadId id = thread();
        startTurn(id);
        MessageId message = addMessage(id, "", true);
        store.execute(new DeleteThread(id));

        assertRefused(new CompleteTurn(id), "thread-deleted");
        assertRefused(new AppendDelta(id, message, "x"), "thread-deleted");
        assertRefused(new AddMessage(id, Role.USER, "hi", false), "thread-deleted");
    }

    @Test
    void deleting_a_thread_marks_it_deleted_and_filters_show_it_only_when_asked() {
        ProjectId project = project();
        ThreadId kept = thread(project);
        ThreadId archived = thread(project);
        store.execute(new ArchiveThread(archived));
        ThreadId deleted = thread(project);

        store.execute(new DeleteThread(deleted));

        StoredEvent event = lastOf(deleted);
        assertThat(event.event())
                .isEqualTo(new ThreadDeleted(deleted, event.event().at()));
        assertThat(store.queries().threads(ThreadFilter.of(project)))
                .extracting(ThreadView::id)
                .containsExactly(kept);
        assertThat(store.queries().threads(new ThreadFilter(project, true, false)))
                .extracting(ThreadView::id)
                .containsExactly(kept, archived);
        assertThat(store.queries().threads(new ThreadFilter(project, false, true)))
                .extracting(ThreadView::id)
                .containsExactly(kept, deleted);
        assertThat(store.queries().threads(new ThreadFilter(project, true, true)))
                .extracting(ThreadView::id, ThreadView::archived, ThreadView::deleted)
                .containsExactly(tuple(kept, false, false), tuple(archived, true, false), tuple(deleted, false, true));
        assertThat(store.queries().thread(deleted).lastActivityAt())
                .isEqualTo(event.event().at());
        assertProjectionsClean();
    }

    @Test
    void the_thread_filter_keeps_each_project_to_its_own_threads() {
        ProjectId first = project("a", "/src/a");
        ProjectId second = project("b", "/src/b");
        ThreadId one = thread(first);
        ThreadId two = thread(second);

        assertThat(store.queries().threads(ThreadFilter.of(first)))
                .extracting(ThreadView::id)
                .containsExactly(one);
        assertThat(store.queries().threads(ThreadFilter.of(second)))
                .extracting(ThreadView::id)
                .containsExactly(two);
        assertThat(store.queries().threads(ThreadFilter.active()))
                .extracting(ThreadView::id)
                .containsExactly(one, two);
    }
}
