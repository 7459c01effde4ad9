package dev.threadline.application.port;

import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.MessageState;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The read models as commands decide from them and queries show them.
 *
 * <p>Concurrency: inside a {@link Transactions} transaction every read sees that transaction's
 * writes through {@link ProjectionWriter} (including those not yet flushed to the storage), and
 * nothing another writer commits meanwhile, because writers are serialised. Outside a
 * transaction a read sees the last committed state, each call on its own. Listings are ordered
 * as each method says, with ties broken by id, whatever order the rows were written in.
 */
public interface ReadModels {

    /** A project by id. */
    Optional<ProjectView> project(ProjectId id);

    /** Projects in creation order, deleted ones only when asked. */
    List<ProjectView> projects(boolean includeDeleted);

    /** Whether a live (not deleted) project has this normalized path. */
    boolean livePathTaken(String path);

    /** A thread by id. */
    Optional<ThreadView> thread(ThreadId id);

    /**
     * Says that the current transaction is about to read these threads and append to their
     * streams, so that a store that pays a round trip per read can read them all in one; what
     * {@link #thread} answers does not change. Outside a transaction it does nothing, and a store
     * may ignore it.
     */
    default void readThreadsAhead(Collection<ThreadId> ids) {}

    /** Threads passing the filter, in creation order. */
    List<ThreadView> threads(ThreadFilter filter);

    /** Ids of the project's threads that are not deleted, in creation order. */
    List<ThreadId> liveThreadsOf(ProjectId project);

    /** A turn by id. */
    Optional<TurnView> turn(TurnId id);

    /** A thread's turns in ordinal order. */
    List<TurnView> turnsOf(ThreadId thread);

    /** A message by id, its text including every appended delta. */
    Optional<MessageView> message(MessageId id);

    /**
     * A message's identity and streaming flag without its text: what a command decides from, at a
     * cost that does not grow with the length of a streamed answer.
     */
    default Optional<MessageState> messageState(MessageId id) {
        return message(id).map(MessageView::state);
    }

    /** A thread's messages in ordinal order. */
    List<MessageView> messagesOf(ThreadId thread);

    /** Ids of the turn's messages that are still streaming, in ordinal order. */
    List<MessageId> streamingMessagesOf(TurnId turn);

    /** A checkpoint by id. */
    Optional<CheckpointView> checkpoint(CheckpointId id);

    /** A thread's checkpoints in creation order. */
    List<CheckpointView> checkpointsOf(ThreadId thread);

    /** A setting by key. */
    Optional<SettingView> setting(String key);

    /** Every setting, by key. */
    List<SettingView> settings();
}
