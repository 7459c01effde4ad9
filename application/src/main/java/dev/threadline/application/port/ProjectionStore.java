package dev.threadline.application.port;

import dev.threadline.application.query.CheckpointView;
import dev.threadline.application.query.MessageView;
import dev.threadline.application.query.ProjectView;
import dev.threadline.application.query.SettingView;
import dev.threadline.application.query.ThreadFilter;
import dev.threadline.application.query.ThreadView;
import dev.threadline.application.query.TurnView;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.MessageState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The read models' storage: rows the projector writes, rows the commands decide from and the
 * queries show, and each projector's position in the log. Writes take part in the current
 * {@link Transactions} transaction.
 */
public interface ProjectionStore {

    /** A project by id. */
    Optional<ProjectView> project(ProjectId id);

    /** Projects in creation order, deleted ones only when asked. */
    List<ProjectView> projects(boolean includeDeleted);

    /** Whether a live project has this normalized path. */
    boolean livePathTaken(String path);

    /** Inserts or replaces a project row. */
    void putProject(ProjectView project);

    /** A thread by id. */
    Optional<ThreadView> thread(ThreadId id);

    /** Threads passing the filter, in creation order. */
    List<ThreadView> threads(ThreadFilter filter);

    /** Ids of the project's threads that are not deleted. */
    List<ThreadId> liveThreadsOf(ProjectId project);

    /** Inserts or replaces a thread row. */
    void putThread(ThreadView thread);

    /** A turn by id. */
    Optional<TurnView> turn(TurnId id);

    /** A thread's turns in order. */
    List<TurnView> turnsOf(ThreadId thread);

    /** Inserts or replaces a turn row. */
    void putTurn(TurnView turn);

    /** Marks every turn of the thread after the given ordinal as reverted. */
    void revertTurnsAfter(ThreadId thread, long ordinal, Instant at);

    /**
     * A message's identity and streaming flag without its text: what a command decides from, at a
     * cost that does not grow with the length of a streamed answer.
     */
    default Optional<MessageState> messageState(MessageId id) {
        return message(id).map(MessageView::state);
    }

    /** A message by id. */
    Optional<MessageView> message(MessageId id);

    /** A thread's messages in order. */
    List<MessageView> messagesOf(ThreadId thread);

    /** Ids of the turn's messages that are still streaming, in order. */
    List<MessageId> streamingMessagesOf(TurnId turn);

    /** Inserts or replaces a message row. */
    void putMessage(MessageView message);

    /** Appends text to a message, at a cost that does not depend on its length so far. */
    void appendMessageText(MessageId id, String delta, Instant at);

    /** A checkpoint by id. */
    Optional<CheckpointView> checkpoint(CheckpointId id);

    /** A thread's checkpoints in order. */
    List<CheckpointView> checkpointsOf(ThreadId thread);

    /** Inserts or replaces a checkpoint row. */
    void putCheckpoint(CheckpointView checkpoint);

    /** A setting by key. */
    Optional<SettingView> setting(String key);

    /** Every setting, by key. */
    List<SettingView> settings();

    /** Inserts or replaces a setting. */
    void putSetting(SettingView setting);

    /** Removes a setting, if present. */
    void removeSetting(String key);

    /** The sequence of the last event the named projector applied, 0 when none. */
    long position(String projector);

    /** Records the sequence of the last event the named projector applied. */
    void setPosition(String projector, long sequence);

    /** Empties every read-model table and forgets every position. */
    void clear();

    /**
     * Every difference between these tables and the expected ones.
     *
     * @param expected a store holding the read models as they should be
     */
    List<ProjectionDifference> differencesFrom(ProjectionStore expected);

    /** A new, empty store of the same kind in scratch space, deleted when closed. */
    ScratchProjectionStore openScratch();
}
