package dev.threadline.application.command;

import dev.threadline.application.port.IdSource;
import dev.threadline.application.port.ReadModels;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.ForkPoint;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.MessageState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The current state a command decides from, read from the read models inside the command's
 * transaction: the cost of a decision does not grow with the length of a stream.
 */
public final class CommandContext {

    private final ReadModels store;
    private final Instant now;
    private final IdSource ids;

    CommandContext(ReadModels store, Clock clock, IdSource ids) {
        this.store = store;
        this.now = clock.instant();
        this.ids = ids;
    }

    /** The source of the ids of what the command creates. */
    public IdSource ids() {
        return ids;
    }

    /** The time the command happens at. */
    public Instant now() {
        return now;
    }

    /** A project, or a refusal saying it does not exist. */
    public ProjectView project(ProjectId id) {
        return store.project(id).orElseThrow(() -> new NotFound("project", id));
    }

    /** Whether a live project has this normalized path. */
    public boolean livePathTaken(String path) {
        return store.livePathTaken(path);
    }

    /** The project's threads that are not deleted. */
    public List<ThreadId> liveThreadsOf(ProjectId id) {
        return store.liveThreadsOf(id);
    }

    /** A thread, or a refusal saying it does not exist. */
    public ThreadView thread(ThreadId id) {
        return store.thread(id).orElseThrow(() -> new NotFound("thread", id));
    }

    /** A turn, or a refusal saying it does not exist. */
    public TurnView turn(TurnId id) {
        return store.turn(id).orElseThrow(() -> new NotFound("turn", id));
    }

    /** A message, or a refusal saying it does not exist. */
    public MessageView message(MessageId id) {
        return store.message(id).orElseThrow(() -> new NotFound("message", id));
    }

    /**
     * Whether a message shows in a thread's transcript: written in it, or inherited from the
     * thread it was forked from up to its fork point, through every fork of the lineage. Ordinals
     * compare along a lineage because a fork continues its parent's numbering.
     */
    public boolean inTranscript(ThreadView thread, MessageView message) {
        ThreadView current = thread;
        while (current != null) {
            if (message.threadId().equals(current.id())) {
                return true;
            }
            ForkPoint fork = current.forkedFrom();
            if (fork == null) {
                return false;
            }
            Optional<MessageView> at = store.message(fork.atMessage());
            if (at.isEmpty() || message.ordinal() > at.get().ordinal()) {
                return false;
            }
            current = store.thread(fork.parent()).orElse(null);
        }
        return false;
    }

    /** A message's state without its text, or a refusal saying it does not exist. */
    public MessageState messageState(MessageId id) {
        return store.messageState(id).orElseThrow(() -> new NotFound("message", id));
    }

    /** A turn's streaming messages. */
    public List<MessageId> streamingMessagesOf(TurnId id) {
        return store.streamingMessagesOf(id);
    }

    /** A checkpoint, or a refusal saying it does not exist. */
    public CheckpointView checkpoint(CheckpointId id) {
        return store.checkpoint(id).orElseThrow(() -> new NotFound("checkpoint", id));
    }

    /** A setting, if set. */
    public Optional<SettingView> setting(String key) {
        return store.setting(key);
    }
}
