package dev.threadline.application.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.threadline.application.query.Transcript;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.event.CheckpointRestored;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnStatus;
import org.junit.jupiter.api.Test;

public class CheckpointCommandsTest extends CommandFixture {

    @Test
    void a_checkpoint_of_an_ended_turn_is_stored_and_shown_with_its_turn() {
        ThreadId thread = thread();
        TurnId turn = endedTurn(thread);
        long before = lastSequence();

        CommandResult result =
                store.execute(new CreateCheckpoint(thread, turn, "refs/threadline/cp-1", "after the fix"));

        CheckpointId id = result.checkpointId();
        Event event = eventsAfter(before).get(0);
        assertThat(eventsAfter(before))
                .containsExactly(
                        CheckpointCreated.ofRef(thread, turn, id, "refs/threadline/cp-1", "after the fix", event.at()));
        assertThat(store.queries().checkpoints(thread))
                .extracting(
                        CheckpointView::id,
                        CheckpointView::turnId,
                        CheckpointView::gitRef,
                        CheckpointView::message,
                        CheckpointView::createdAt,
                        CheckpointView::restoredAt)
                .containsExactly(tuple(id, turn, "refs/threadline/cp-1", "after the fix", event.at(), null));
        assertThat(store.queries().transcript(thread).turns().get(0).checkpoints())
                .extracting(CheckpointView::id)
                .containsExactly(id);
        assertThat(store.queries().thread(thread).lastActivityAt()).isEqualTo(event.at());
        assertProjectionsClean();
    }

    @Test
    void a_checkpoint_of_a_failed_or_interrupted_turn_is_accepted() {
        ThreadId thread = thread();
        TurnId failed = startTurn(thread);
        store.execute(new dev.threadline.application.command.FailTurn(thread, "boom"));
        TurnId interrupted = startTurn(thread);
        store.execute(new dev.threadline.application.command.InterruptTurn(thread));

        checkpoint(thread, failed, "refs/threadline/cp-1");
        checkpoint(thread, interrupted, "refs/threadline/cp-2");

        assertThat(store.queries().checkpoints(thread))
                .extracting(CheckpointView::turnId)
                .containsExactly(failed, interrupted);
    }

    @Test
    void a_checkpoint_of_the_running_turn_is_refused() {
        ThreadId thread = thread();
        TurnId turn = startTurn(thread);

        assertRefused(new CreateCheckpoint(thread, turn, "refs/threadline/cp-1", ""), "checkpoint-turn-ended");
    }

    @Test
    void a_checkpoint_of_another_threads_turn_is_refused() {
        ThreadId thread = thread();
        endedTurn(thread);
        ThreadId other = thread(project("other", "/src/other"));
        TurnId othersTurn = endedTurn(other);

        assertRefused(
                new CreateCheckpoint(thread, othersTurn, "refs/threadline/cp-1", ""), "checkpoint-turn-of-thread");
    }

    @Test
    void a_checkpoint_of_an_unknown_turn_is_not_found() {
        assertRefused(new CreateCheckpoint(thread(), TurnId.next(), "refs/threadline/cp-1", ""), NotFound.class);
    }

    @Test
    void a_checkpoint_with_an_invalid_git_ref_is_refused() {
        ThreadId thread = thread();
        TurnId turn = endedTurn(thread);

        assertRefused(new CreateCheckpoint(thread, turn, "cp-1", ""), "checkpoint-git-ref");
        assertRefused(new CreateCheckpoint(thread, turn, "refs/threadline/cp..1", ""), "checkpoint-git-ref");
        assertRefused(new CreateCheckpoint(thread, turn, "refs/threadline/cp 1", ""), "checkpoint-git-ref");
        assertRefused(new CreateCheckpoint(thread, turn, "refs/threadline/cp.lock", ""), "checkpoint-git-ref");
    }

    @Test
    void restoring_a_checkpoint_marks_later_turns_reverted_and_stamps_the_checkpoint() {
        ThreadId thread = thread();
        TurnId first = endedTurn(thread);
        CheckpointId checkpoint = checkpoint(thread, first, "refs/threadline/cp-1");
        TurnId second = endedTurn(thread);
        TurnId third = startTurn(thread);
        store.execute(new dev.threadline.application.command.FailTurn(thread, "boom"));
        long before = lastSequence();

        store.execute(new RestoreCheckpoint(thread, checkpoint));

        Event event = eventsAfter(before).get(0);
        assertThat(eventsAfter(before)).containsExactly(new CheckpointRestored(thread, checkpoint, event.at()));
        Transcript transcript = store.queries().transcript(thread);
        assertThat(transcript.turns())
                .extracting(t -> t.turn())
                .extracting(TurnView::id, TurnView::status)
                .containsExactly(
                        tuple(first, TurnStatus.COMPLETED),
                        tuple(second, TurnStatus.REVERTED),
                        tuple(third, TurnStatus.REVERTED));
        assertThat(store.queries().checkpoints(thread))
                .extracting(CheckpointView::restoredAt)
                .containsExactly(event.at());
        assertThat(transcript.thread().lastActivityAt()).isEqualTo(event.at());
        assertThat(transcript.thread().runningTurn()).isNull();
        assertProjectionsClean();
    }

    @Test
    void restoring_an_unknown_checkpoint_is_not_found() {
        ThreadId thread = thread();
        endedTurn(thread);

        assertRefused(new RestoreCheckpoint(thread, CheckpointId.next()), NotFound.class);
    }

    @Test
    void restoring_another_threads_checkpoint_is_refused() {
        ThreadId thread = thread();
        endedTurn(thread);
        ThreadId other = thread(project("other", "/src/other"));
        CheckpointId othersCheckpoint = checkpoint(other, endedTurn(other), "refs/threadline/cp-1");

        assertRefused(new RestoreCheckpoint(thread, othersCheckpoint), "checkpoint-of-thread");
    }

    @Test
    void restoring_while_a_turn_runs_is_refused() {
        ThreadId thread = thread();
        CheckpointId checkpoint = checkpoint(thread, endedTurn(thread), "refs/threadline/cp-1");
        startTurn(thread);

        assertRefused(new RestoreCheckpoint(thread, checkpoint), "restore-needs-idle-thread");
    }
}
