package dev.threadline.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.event.CheckpointRestored;
import dev.threadline.domain.event.MessageAdded;
import dev.threadline.domain.event.MessageCompleted;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.ThreadArchived;
import dev.threadline.domain.event.ThreadCreated;
import dev.threadline.domain.event.ThreadDeleted;
import dev.threadline.domain.event.ThreadForked;
import dev.threadline.domain.event.ThreadRenamed;
import dev.threadline.domain.event.ThreadUnarchived;
import dev.threadline.domain.event.TurnCompleted;
import dev.threadline.domain.event.TurnFailed;
import dev.threadline.domain.event.TurnInterrupted;
import dev.threadline.domain.event.TurnStarted;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.ThreadRules.Ending;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ThreadRulesTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

    private final ProjectId projectId = ProjectId.next();
    private final ThreadId id = ThreadId.next();
    private final ThreadId otherThread = ThreadId.next();
    private final TurnId turn = TurnId.next();
    private final MessageId message = MessageId.next();
    private final CheckpointId checkpoint = CheckpointId.next();

    private final ThreadState idle = new ThreadState(id, projectId, false, false, null, 3);
    private final ThreadState running = new ThreadState(id, projectId, false, false, turn, 4);
    private final ThreadState archived = new ThreadState(id, projectId, true, false, null, 5);
    private final ThreadState deleted = new ThreadState(id, projectId, false, true, null, 6);

    private static void refused(ThrowingCallable call, String rule) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }

    // Threads

    @Test
    void creating_a_thread_in_a_live_project_emits_thread_created() {
        assertThat(ThreadRules.create(id, new ProjectState(projectId, false, 0), "Fix it", "model-x", AT))
                .isEqualTo(new ThreadCreated(id, projectId, "Fix it", "model-x", AT));
    }

    // Forks

    @Test
    void forking_at_a_completed_message_of_the_transcript_names_the_parent_and_the_message() {
        ThreadId fork = ThreadId.next();
        MessageState done = new MessageState(message, id, turn, false);
        assertThat(ThreadRules.fork(fork, idle, done, true, "Try B", "model-x", AT))
                .isEqualTo(new ThreadForked(fork, projectId, id, message, "Try B", "model-x", AT));
    }

    @Test
    void an_archived_thread_can_be_forked() {
        MessageState done = new MessageState(message, id, turn, false);
        assertThat(ThreadRules.fork(ThreadId.next(), archived, done, true, "Try B", "m", AT)
                        .parentThreadId())
                .isEqualTo(id);
    }

    @Test
    void forking_a_deleted_thread_a_streaming_message_or_one_outside_the_transcript_is_refused() {
        MessageState done = new MessageState(message, id, turn, false);
        MessageState streaming = new MessageState(message, id, turn, true);
        refused(() -> ThreadRules.fork(ThreadId.next(), deleted, done, true, "t", "m", AT), "fork-parent-not-deleted");
        refused(() -> ThreadRules.fork(ThreadId.next(), idle, streaming, true, "t", "m", AT), "fork-message-completed");
        refused(() -> ThreadRules.fork(ThreadId.next(), idle, done, false, "t", "m", AT), "fork-message-in-transcript");
        refused(() -> ThreadRules.fork(ThreadId.next(), idle, done, true, " ", "m", AT), "thread-title-required");
    }

    @Test
    void creating_a_thread_in_a_deleted_project_is_refused() {
        refused(
                () -> ThreadRules.create(id, new ProjectState(projectId, true, 1), "Fix it", "model-x", AT),
                "thread-needs-live-project");
    }

    @Test
    void creating_a_thread_without_a_title_is_refused() {
        refused(
                () -> ThreadRules.create(id, new ProjectState(projectId, false, 0), " ", "model-x", AT),
                "thread-title-required");
    }

    @Test
    void creating_a_thread_without_a_model_is_refused() {
        refused(
                () -> ThreadRules.create(id, new ProjectState(projectId, false, 0), "Fix it", "", AT),
                "thread-model-required");
    }

    @Test
    void renaming_a_thread_emits_thread_renamed_even_when_archived() {
        assertThat(ThreadRules.rename(idle, "New", AT)).isEqualTo(new ThreadRenamed(id, "New", AT));
        assertThat(ThreadRules.rename(archived, "New", AT)).isEqualTo(new ThreadRenamed(id, "New", AT));
    }

    @Test
    void renaming_a_thread_to_a_blank_title_is_refused() {
        refused(() -> ThreadRules.rename(idle, "", AT), "thread-title-required");
    }

    @Test
    void renaming_a_deleted_thread_is_refused() {
        refused(() -> ThreadRules.rename(deleted, "New", AT), "thread-deleted");
    }

    @Test
    void archiving_an_idle_thread_emits_thread_archived() {
        assertThat(ThreadRules.archive(idle, AT)).isEqualTo(new ThreadArchived(id, AT));
    }

    @Test
    void archiving_an_archived_thread_is_refused() {
        refused(() -> ThreadRules.archive(archived, AT), "thread-not-archived");
    }

    @Test
    void archiving_a_thread_with_a_running_turn_is_refused() {
        refused(() -> ThreadRules.archive(running, AT), "thread-archive-idle");
    }

    @Test
    void archiving_a_deleted_thread_is_refused() {
        refused(() -> ThreadRules.archive(deleted, AT), "thread-deleted");
    }

    @Test
    void unarchiving_an_archived_thread_emits_thread_unarchived() {
        assertThat(ThreadRules.unarchive(archived, AT)).isEqualTo(new ThreadUnarchived(id, AT));
    }

    @Test
    void unarchiving_an_active_thread_is_refused() {
        refused(() -> ThreadRules.unarchive(idle, AT), "thread-archived");
    }

    @Test
    void unarchiving_a_deleted_thread_is_refused() {
        refused(() -> ThreadRules.unarchive(new ThreadState(id, projectId, true, true, null, 7), AT), "thread-deleted");
    }

    @Test
    void deleting_a_thread_emits_thread_deleted_even_when_archived() {
        assertThat(ThreadRules.delete(idle, AT)).isEqualTo(new ThreadDeleted(id, AT));
        assertThat(ThreadRules.delete(archived, AT)).isEqualTo(new ThreadDeleted(id, AT));
    }

    @Test
    void deleting_a_deleted_thread_is_refused() {
        refused(() -> ThreadRules.delete(deleted, AT), "thread-deleted");
    }

    // Turns

    @Test
    void starting_a_turn_with_a_prompt_emits_turn_started_and_the_user_message() {
        TurnId newTurn = TurnId.next();

        assertThat(ThreadRules.startTurn(idle, newTurn, message, "why?", AT))
                .containsExactly(
                        new TurnStarted(id, newTurn, AT),
                        new MessageAdded(id, newTurn, message, Role.USER, "why?", false, AT));
    }

    @Test
    void starting_a_turn_without_a_prompt_emits_only_turn_started() {
        TurnId newTurn = TurnId.next();

        assertThat(ThreadRules.startTurn(idle, newTurn, message, null, AT))
                .containsExactly(new TurnStarted(id, newTurn, AT));
    }

    @Test
    void starting_a_second_running_turn_is_refused() {
        refused(() -> ThreadRules.startTurn(running, TurnId.next(), message, "again", AT), "one-running-turn");
    }

    @Test
    void starting_a_turn_in_an_archived_thread_is_refused() {
        refused(() -> ThreadRules.startTurn(archived, TurnId.next(), message, "hi", AT), "thread-archived-read-only");
    }

    @Test
    void starting_a_turn_in_a_deleted_thread_is_refused() {
        refused(() -> ThreadRules.startTurn(deleted, TurnId.next(), message, "hi", AT), "thread-deleted");
    }

    @Test
    void completing_the_running_turn_completes_its_streaming_messages_first() {
        MessageId other = MessageId.next();

        assertThat(ThreadRules.endTurn(running, Ending.COMPLETED, null, List.of(message, other), AT))
                .containsExactly(
                        new MessageCompleted(id, message, AT),
                        new MessageCompleted(id, other, AT),
                        new TurnCompleted(id, turn, AT));
    }

    @Test
    void failing_the_running_turn_emits_turn_failed_with_the_error() {
        assertThat(ThreadRules.endTurn(running, Ending.FAILED, "boom", List.of(), AT))
                .containsExactly(new TurnFailed(id, turn, "boom", AT));
    }

    @Test
    void failing_a_turn_without_an_error_is_refused() {
        refused(() -> ThreadRules.endTurn(running, Ending.FAILED, " ", List.of(), AT), "turn-error-required");
    }

    @Test
    void interrupting_the_running_turn_emits_turn_interrupted() {
        assertThat(ThreadRules.endTurn(running, Ending.INTERRUPTED, null, List.of(message), AT))
                .containsExactly(new MessageCompleted(id, message, AT), new TurnInterrupted(id, turn, AT));
    }

    @Test
    void ending_a_turn_when_none_is_running_is_refused() {
        for (Ending ending : Ending.values()) {
            refused(() -> ThreadRules.endTurn(idle, ending, "boom", List.of(), AT), "turn-running");
        }
    }

    @Test
    void ending_a_turn_of_a_deleted_thread_is_refused() {
        refused(
                () -> ThreadRules.endTurn(
                        new ThreadState(id, projectId, false, true, turn, 5), Ending.COMPLETED, null, List.of(), AT),
                "thread-deleted");
    }

    // Messages

    @Test
    void adding_a_message_puts_it_in_the_running_turn() {
        assertThat(ThreadRules.addMessage(running, message, Role.ASSISTANT, "", true, AT))
                .isEqualTo(new MessageAdded(id, turn, message, Role.ASSISTANT, "", true, AT));
    }

    @Test
    void adding_a_message_without_a_running_turn_is_refused() {
        refused(
                () -> ThreadRules.addMessage(idle, message, Role.ASSISTANT, "hi", false, AT),
                "message-needs-running-turn");
    }

    @Test
    void adding_a_message_without_a_text_is_refused() {
        refused(
                () -> ThreadRules.addMessage(running, message, Role.ASSISTANT, null, false, AT),
                "message-text-required");
    }

    @Test
    void adding_a_message_to_an_archived_thread_is_refused() {
        refused(
                () -> ThreadRules.addMessage(archived, message, Role.ASSISTANT, "hi", false, AT),
                "thread-archived-read-only");
    }

    @Test
    void appending_a_delta_to_a_streaming_message_of_the_thread_emits_message_delta_appended() {
        MessageState streaming = new MessageState(message, id, turn, true);

        assertThat(ThreadRules.appendDelta(running, streaming, "more", AT))
                .isEqualTo(new MessageDeltaAppended(id, message, "more", AT));
    }

    @Test
    void appending_a_delta_to_a_message_that_is_not_streaming_is_refused() {
        refused(
                () -> ThreadRules.appendDelta(running, new MessageState(message, id, turn, false), "x", AT),
                "message-streaming");
    }

    @Test
    void appending_a_delta_to_a_message_of_another_thread_is_refused() {
        refused(
                () -> ThreadRules.appendDelta(running, new MessageState(message, otherThread, turn, true), "x", AT),
                "message-of-thread");
    }

    @Test
    void completing_a_streaming_message_emits_message_completed() {
        assertThat(ThreadRules.completeMessage(running, new MessageState(message, id, turn, true), AT))
                .isEqualTo(new MessageCompleted(id, message, AT));
    }

    @Test
    void completing_a_message_that_is_not_streaming_is_refused() {
        refused(
                () -> ThreadRules.completeMessage(running, new MessageState(message, id, turn, false), AT),
                "message-streaming");
    }

    @Test
    void completing_a_message_of_another_thread_is_refused() {
        refused(
                () -> ThreadRules.completeMessage(running, new MessageState(message, otherThread, turn, true), AT),
                "message-of-thread");
    }

    // Checkpoints

    @Test
    void checkpointing_an_ended_turn_of_the_thread_emits_checkpoint_created() {
        for (TurnStatus status : List.of(TurnStatus.COMPLETED, TurnStatus.FAILED, TurnStatus.INTERRUPTED)) {
            assertThat(ThreadRules.createCheckpoint(
                            idle, new TurnState(turn, id, status), checkpoint, "refs/threadline/cp-1", "msg", AT))
                    .isEqualTo(CheckpointCreated.ofRef(id, turn, checkpoint, "refs/threadline/cp-1", "msg", AT));
        }
    }

    @Test
    void a_checkpoint_without_a_message_gets_an_empty_one() {
        assertThat(ThreadRules.createCheckpoint(
                                idle,
                                new TurnState(turn, id, TurnStatus.COMPLETED),
                                checkpoint,
                                "refs/threadline/cp-1",
                                null,
                                AT)
                        .message())
                .isEmpty();
    }

    @Test
    void checkpointing_a_running_turn_is_refused() {
        refused(
                () -> ThreadRules.createCheckpoint(
                        running, new TurnState(turn, id, TurnStatus.RUNNING), checkpoint, "refs/a/b", "", AT),
                "checkpoint-turn-ended");
    }

    @Test
    void checkpointing_a_turn_of_another_thread_is_refused() {
        refused(
                () -> ThreadRules.createCheckpoint(
                        idle, new TurnState(turn, otherThread, TurnStatus.COMPLETED), checkpoint, "refs/a/b", "", AT),
                "checkpoint-turn-of-thread");
    }

    @Test
    void checkpointing_with_an_invalid_git_ref_is_refused() {
        refused(
                () -> ThreadRules.createCheckpoint(
                        idle, new TurnState(turn, id, TurnStatus.COMPLETED), checkpoint, "refs/a..b", "", AT),
                "checkpoint-git-ref");
    }

    @Test
    void a_snapshot_checkpoint_keeps_its_commit_and_skipped_paths() {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        List<CheckpointCreated.Skipped> skipped = List.of(new CheckpointCreated.Skipped("big.bin", "too-large"));
        assertThat(ThreadRules.createCheckpoint(
                        idle,
                        new TurnState(turn, id, TurnStatus.COMPLETED),
                        checkpoint,
                        "refs/threadline/cp-1",
                        "msg",
                        commit,
                        skipped,
                        AT))
                .isEqualTo(new CheckpointCreated(
                        id, turn, checkpoint, "refs/threadline/cp-1", "msg", commit, skipped, AT));
    }

    @Test
    void checkpointing_with_a_commit_that_is_not_a_full_hexadecimal_id_is_refused() {
        for (String commit : List.of("abc123", "0123456789ABCDEF0123456789ABCDEF01234567", "HEAD")) {
            refused(
                    () -> ThreadRules.createCheckpoint(
                            idle,
                            new TurnState(turn, id, TurnStatus.COMPLETED),
                            checkpoint,
                            "refs/a/b",
                            "",
                            commit,
                            List.of(),
                            AT),
                    "checkpoint-commit-id");
        }
    }

    @Test
    void checkpointing_in_an_archived_thread_is_refused() {
        refused(
                () -> ThreadRules.createCheckpoint(
                        archived, new TurnState(turn, id, TurnStatus.COMPLETED), checkpoint, "refs/a/b", "", AT),
                "thread-archived-read-only");
    }

    @Test
    void restoring_a_checkpoint_of_the_thread_emits_checkpoint_restored() {
        assertThat(ThreadRules.restoreCheckpoint(idle, new CheckpointState(checkpoint, id, turn), AT))
                .isEqualTo(new CheckpointRestored(id, checkpoint, AT));
    }

    @Test
    void restoring_a_checkpoint_of_another_thread_is_refused() {
        refused(
                () -> ThreadRules.restoreCheckpoint(idle, new CheckpointState(checkpoint, otherThread, turn), AT),
                "checkpoint-of-thread");
    }

    @Test
    void restoring_a_checkpoint_while_a_turn_runs_is_refused() {
        refused(
                () -> ThreadRules.restoreCheckpoint(running, new CheckpointState(checkpoint, id, turn), AT),
                "restore-needs-idle-thread");
    }

    @Test
    void restoring_a_checkpoint_of_a_deleted_thread_is_refused() {
        refused(
                () -> ThreadRules.restoreCheckpoint(deleted, new CheckpointState(checkpoint, id, turn), AT),
                "thread-deleted");
    }
}
