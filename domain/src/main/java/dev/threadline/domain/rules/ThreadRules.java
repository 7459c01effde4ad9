package dev.threadline.domain.rules;

import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.event.CheckpointRestored;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.MessageAdded;
import dev.threadline.domain.event.MessageCompleted;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.ThreadArchived;
import dev.threadline.domain.event.ThreadCreated;
import dev.threadline.domain.event.ThreadDeleted;
import dev.threadline.domain.event.ThreadForked;
import dev.threadline.domain.event.ThreadPurged;
import dev.threadline.domain.event.ThreadRenamed;
import dev.threadline.domain.event.ThreadUnarchived;
import dev.threadline.domain.event.TurnCompleted;
import dev.threadline.domain.event.TurnFailed;
import dev.threadline.domain.event.TurnInterrupted;
import dev.threadline.domain.event.TurnStarted;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the commands on a thread's stream may emit: the thread itself, its turns, messages and
 * checkpoints.
 */
public final class ThreadRules {

    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private ThreadRules() {}

    /** How a running turn ends. */
    public enum Ending {
        COMPLETED,
        FAILED,
        INTERRUPTED
    }

    /** A new thread in a live project. */
    public static ThreadCreated create(ThreadId id, ProjectState project, String title, String model, Instant at) {
        if (project.deleted()) {
            throw new DomainRuleViolation(
                    "thread-needs-live-project", "project " + project.id() + " is deleted; it takes no new threads");
        }
        Names.requireNonBlank("thread-title-required", "a thread's title", title);
        Names.requireNonBlank("thread-model-required", "a thread's model", model);
        return new ThreadCreated(id, project.id(), title, model, at);
    }

    /**
     * A new thread whose history is the parent's up to and including a message, by reference.
     *
     * @param id the new thread
     * @param parent the thread forked; archived is fine, deleted is not
     * @param message the message the fork starts after
     * @param visibleInParent whether the message shows in the parent's transcript (its own or
     *     inherited by it)
     * @param title the fork's title
     * @param model the fork's agent model
     * @param at when
     */
    public static ThreadForked fork(
            ThreadId id,
            ThreadState parent,
            MessageState message,
            boolean visibleInParent,
            String title,
            String model,
            Instant at) {
        if (parent.deleted()) {
            throw new DomainRuleViolation(
                    "fork-parent-not-deleted", "thread " + parent.id() + " is deleted; it cannot be forked");
        }
        if (!visibleInParent) {
            throw new DomainRuleViolation(
                    "fork-message-in-transcript",
                    "message " + message.id() + " is not in the transcript of thread " + parent.id());
        }
        if (message.streaming()) {
            throw new DomainRuleViolation(
                    "fork-message-completed",
                    "message " + message.id() + " is still streaming; fork at it once it is complete");
        }
        Names.requireNonBlank("thread-title-required", "a thread's title", title);
        Names.requireNonBlank("thread-model-required", "a thread's model", model);
        return new ThreadForked(id, parent.projectId(), parent.id(), message.id(), title, model, at);
    }

    /** A new title for a thread that is not deleted. */
    public static ThreadRenamed rename(ThreadState thread, String title, Instant at) {
        requireNotDeleted(thread);
        Names.requireNonBlank("thread-title-required", "a thread's title", title);
        return new ThreadRenamed(thread.id(), title, at);
    }

    /** Archives an active thread. */
    public static ThreadArchived archive(ThreadState thread, Instant at) {
        requireNotDeleted(thread);
        if (thread.archived()) {
            throw new DomainRuleViolation("thread-not-archived", "thread " + thread.id() + " is archived already");
        }
        if (thread.runningTurn() != null) {
            throw new DomainRuleViolation(
                    "thread-archive-idle", "thread " + thread.id() + " has a running turn; end it before archiving");
        }
        return new ThreadArchived(thread.id(), at);
    }

    /** Makes an archived thread active again. */
    public static ThreadUnarchived unarchive(ThreadState thread, Instant at) {
        requireNotDeleted(thread);
        if (!thread.archived()) {
            throw new DomainRuleViolation("thread-archived", "thread " + thread.id() + " is not archived");
        }
        return new ThreadUnarchived(thread.id(), at);
    }

    /** Soft-deletes a thread. */
    public static ThreadDeleted delete(ThreadState thread, Instant at) {
        requireNotDeleted(thread);
        return new ThreadDeleted(thread.id(), at);
    }

    /**
     * Removes an archived or deleted thread for good, once no thread forked from it remains.
     *
     * @param forks the threads forked from it that are not purged
     * @param events how many events go
     * @param bytes their size in the export format
     * @param archive the archive's file name, or null for none
     * @param archiveSha256 the archive's SHA-256, or null for none
     */
    public static ThreadPurged purge(
            ThreadState thread,
            List<ThreadId> forks,
            long events,
            long bytes,
            String archive,
            String archiveSha256,
            Instant at) {
        requirePurgeable(thread, forks);
        return new ThreadPurged(thread.id(), thread.projectId(), events, bytes, archive, archiveSha256, at);
    }

    /** Refuses a purge of a live thread, or of one with forks that are not purged. */
    public static void requirePurgeable(ThreadState thread, List<ThreadId> forks) {
        if (!thread.archived() && !thread.deleted()) {
            throw new DomainRuleViolation(
                    "thread-purgeable",
                    "thread " + thread.id()
                            + " is live; only an archived or deleted thread can be purged (rule thread-purgeable)");
        }
        if (!forks.isEmpty()) {
            throw new DomainRuleViolation(
                    "thread-has-forks",
                    "thread " + thread.id() + " has " + forks.size() + " fork(s) that are not purged, the first "
                            + forks.get(0) + "; purge them first (rule thread-has-forks)");
        }
    }

    /** Starts a turn, with the user's prompt as its first message when one is given. */
    public static List<Event> startTurn(
            ThreadState thread, TurnId turn, MessageId promptId, String prompt, Instant at) {
        requireWritable(thread);
        if (thread.runningTurn() != null) {
            throw new DomainRuleViolation(
                    "one-running-turn",
                    "thread " + thread.id() + " already has a running turn (" + thread.runningTurn() + ")");
        }
        List<Event> events = new ArrayList<>();
        events.add(new TurnStarted(thread.id(), turn, at));
        if (prompt != null) {
            events.add(new MessageAdded(thread.id(), turn, promptId, Role.USER, prompt, false, at));
        }
        return events;
    }

    /** Ends the running turn, completing its streaming messages first. */
    public static List<Event> endTurn(
            ThreadState thread, Ending ending, String error, List<MessageId> streamingMessages, Instant at) {
        requireWritable(thread);
        TurnId turn = thread.runningTurn();
        if (turn == null) {
            throw new DomainRuleViolation("turn-running", "thread " + thread.id() + " has no running turn");
        }
        List<Event> events = new ArrayList<>();
        for (MessageId message : streamingMessages) {
            events.add(new MessageCompleted(thread.id(), message, at));
        }
        events.add(
                switch (ending) {
                    case COMPLETED -> new TurnCompleted(thread.id(), turn, at);
                    case FAILED ->
                        new TurnFailed(
                                thread.id(),
                                turn,
                                Names.requireNonBlank("turn-error-required", "a failure's error", error),
                                at);
                    case INTERRUPTED -> new TurnInterrupted(thread.id(), turn, at);
                });
        return events;
    }

    /** Adds a message to the thread's running turn. */
    public static MessageAdded addMessage(
            ThreadState thread, MessageId message, Role role, String text, boolean streaming, Instant at) {
        requireWritable(thread);
        if (thread.runningTurn() == null) {
            throw new DomainRuleViolation(
                    "message-needs-running-turn", "thread " + thread.id() + " has no running turn to add a message to");
        }
        if (text == null) {
            throw new DomainRuleViolation("message-text-required", "a message needs a text (it may be empty)");
        }
        return new MessageAdded(thread.id(), thread.runningTurn(), message, role, text, streaming, at);
    }

    /** Appends streamed text to a streaming message of the thread. */
    public static MessageDeltaAppended appendDelta(ThreadState thread, MessageState message, String delta, Instant at) {
        requireWritable(thread);
        requireStreamingMessageOf(thread, message);
        return new MessageDeltaAppended(thread.id(), message.id(), delta, at);
    }

    /** Makes a streaming message of the thread final. */
    public static MessageCompleted completeMessage(ThreadState thread, MessageState message, Instant at) {
        requireWritable(thread);
        requireStreamingMessageOf(thread, message);
        return new MessageCompleted(thread.id(), message.id(), at);
    }

    /** Records a ref made elsewhere (no snapshot commit) as a checkpoint after an ended turn of the thread. */
    public static CheckpointCreated createCheckpoint(
            ThreadState thread, TurnState turn, CheckpointId checkpoint, String gitRef, String message, Instant at) {
        return createCheckpoint(thread, turn, checkpoint, gitRef, message, null, List.of(), at);
    }

    /**
     * Records a checkpoint after an ended turn of the thread.
     *
     * @param commit the snapshot's commit id (40 or 64 lower-case hexadecimal digits), or null for a
     *     ref made elsewhere
     * @param skipped the paths the snapshot left out
     */
    public static CheckpointCreated createCheckpoint(
            ThreadState thread,
            TurnState turn,
            CheckpointId checkpoint,
            String gitRef,
            String message,
            String commit,
            List<CheckpointCreated.Skipped> skipped,
            Instant at) {
        requireWritable(thread);
        if (!turn.threadId().equals(thread.id())) {
            throw new DomainRuleViolation(
                    "checkpoint-turn-of-thread", "turn " + turn.id() + " belongs to another thread");
        }
        if (turn.status() == TurnStatus.RUNNING) {
            throw new DomainRuleViolation(
                    "checkpoint-turn-ended", "turn " + turn.id() + " is still running; checkpoint it once it ends");
        }
        Names.requireGitRef(gitRef);
        if (commit != null && !COMMIT_ID.matcher(commit).matches()) {
            throw new DomainRuleViolation(
                    "checkpoint-commit-id",
                    "'" + commit + "' is not a commit id (40 or 64 lower-case hexadecimal digits)");
        }
        return new CheckpointCreated(
                thread.id(), turn.id(), checkpoint, gitRef, message == null ? "" : message, commit, skipped, at);
    }

    /** Reverts the thread to one of its checkpoints. */
    public static CheckpointRestored restoreCheckpoint(ThreadState thread, CheckpointState checkpoint, Instant at) {
        requireWritable(thread);
        if (!checkpoint.threadId().equals(thread.id())) {
            throw new DomainRuleViolation(
                    "checkpoint-of-thread", "checkpoint " + checkpoint.id() + " belongs to another thread");
        }
        if (thread.runningTurn() != null) {
            throw new DomainRuleViolation(
                    "restore-needs-idle-thread",
                    "thread " + thread.id() + " has a running turn; end it before restoring a checkpoint");
        }
        return new CheckpointRestored(thread.id(), checkpoint.id(), at);
    }

    private static void requireNotDeleted(ThreadState thread) {
        if (thread.deleted()) {
            throw new DomainRuleViolation(
                    "thread-deleted", "thread " + thread.id() + " is deleted; it accepts nothing");
        }
    }

    private static void requireWritable(ThreadState thread) {
        requireNotDeleted(thread);
        if (thread.archived()) {
            throw new DomainRuleViolation(
                    "thread-archived-read-only", "thread " + thread.id() + " is archived; unarchive it first");
        }
    }

    private static void requireStreamingMessageOf(ThreadState thread, MessageState message) {
        if (!message.threadId().equals(thread.id())) {
            throw new DomainRuleViolation(
                    "message-of-thread", "message " + message.id() + " belongs to another thread");
        }
        if (!message.streaming()) {
            throw new DomainRuleViolation(
                    "message-streaming", "message " + message.id() + " is not streaming; it takes no more text");
        }
    }
}
