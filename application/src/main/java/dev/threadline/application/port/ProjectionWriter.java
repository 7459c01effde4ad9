package dev.threadline.application.port;

import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;

/**
 * The writes the projector makes to the read models.
 *
 * <p>Concurrency: called inside a {@link Transactions} transaction, every write commits or rolls
 * back with it, and {@link ReadModels} in the same transaction sees it at once. An implementation
 * may defer writing until just before the commit; a rollback forgets what was deferred.
 */
public interface ProjectionWriter {

    /** Inserts or replaces a project row. */
    void putProject(ProjectView project);

    /** Inserts or replaces a thread row. */
    void putThread(ThreadView thread);

    /** Inserts or replaces a turn row. */
    void putTurn(TurnView turn);

    /** Marks every turn of the thread after the given ordinal as reverted. */
    void revertTurnsAfter(ThreadId thread, long ordinal, Instant at);

    /** Inserts or replaces a message row; its text replaces the text and every delta so far. */
    void putMessage(MessageView message);

    /**
     * Appends text to a message and stamps its update time, at a cost that does not depend on its
     * length so far; nothing happens when the message does not exist.
     */
    void appendMessageText(MessageId id, String delta, Instant at);

    /** Inserts or replaces a checkpoint row. */
    void putCheckpoint(CheckpointView checkpoint);

    /** Inserts or replaces a setting. */
    void putSetting(SettingView setting);

    /** Removes a setting, if present. */
    void removeSetting(String key);

    /**
     * Removes a thread's row and every row of it: its turns, its messages with their streamed
     * text, and its checkpoints; nothing happens when the thread has no row. Search rows are the
     * {@link SearchIndex}'s.
     */
    void purgeThread(ThreadId thread);

    /** Empties every read-model table; projector positions are left to {@link ProjectorPositions}. */
    void clear();
}
