package dev.threadline.application.projection;

import dev.threadline.application.port.ProjectionWriter;
import dev.threadline.application.port.ReadModels;
import dev.threadline.application.port.SearchIndex;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.ForkPoint;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.application.search.SearchDocument;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.event.CheckpointRestored;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventType;
import dev.threadline.domain.event.MessageAdded;
import dev.threadline.domain.event.MessageCompleted;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.event.ProjectDeleted;
import dev.threadline.domain.event.ProjectRenamed;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadCreated;
import dev.threadline.domain.event.ThreadDeleted;
import dev.threadline.domain.event.ThreadForked;
import dev.threadline.domain.event.ThreadPurged;
import dev.threadline.domain.event.ThreadRenamed;
import dev.threadline.domain.event.TurnCompleted;
import dev.threadline.domain.event.TurnFailed;
import dev.threadline.domain.event.TurnInterrupted;
import dev.threadline.domain.event.TurnStarted;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnStatus;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Applies events to the read models: projects, threads, turns, messages, checkpoints, settings and
 * the search index. It tolerates any decodable log: an event about a row that does not exist
 * changes nothing.
 *
 * <p>A fork's row continues its parent's numbering: its turn and message counts start at those of
 * the message it was forked at, so its own turns and messages follow the inherited ones in
 * ordinal order, and nothing of the parent is copied.
 */
public final class ReadModelProjector {

    /** The projector's name in the positions table. */
    public static final String NAME = "read-models";

    private final ReadModels reads;
    private final ProjectionWriter writer;
    private final SearchIndex search;

    /**
     * @param reads the read models it reads the rows it changes from
     * @param writer where it writes them
     * @param search the full-text index it keeps
     */
    public ReadModelProjector(ReadModels reads, ProjectionWriter writer, SearchIndex search) {
        this.reads = reads;
        this.writer = writer;
        this.search = search;
    }

    /** Applies one stored event to the read models. */
    public void apply(StoredEvent stored) {
        Event event = stored.event();
        long version = stored.streamVersion();
        Instant at = event.at();
        switch (EventType.of(event)) {
            case PROJECT_CREATED -> {
                ProjectCreated e = (ProjectCreated) event;
                writer.putProject(new ProjectView(e.projectId(), e.name(), e.path(), false, at, at, version));
            }
            case PROJECT_RENAMED -> {
                ProjectRenamed e = (ProjectRenamed) event;
                reads.project(e.projectId())
                        .ifPresent(p -> writer.putProject(p.changed(e.name(), p.deleted(), at, version)));
            }
            case PROJECT_DELETED ->
                reads.project(((ProjectDeleted) event).projectId())
                        .ifPresent(p -> writer.putProject(p.changed(p.name(), true, at, version)));
            case THREAD_CREATED -> {
                ThreadCreated e = (ThreadCreated) event;
                writer.putThread(new ThreadView(
                        e.threadId(), e.projectId(), e.title(), e.model(), false, false, 0, 0, null, at, at, version));
                search.index(SearchDocument.title(e.threadId(), e.projectId(), at, e.title()));
            }
            case THREAD_FORKED -> {
                ThreadForked e = (ThreadForked) event;
                long messages = 0;
                long turns = 0;
                MessageView fork = reads.message(e.atMessageId()).orElse(null);
                if (fork != null) {
                    messages = fork.ordinal();
                    turns = reads.turn(fork.turnId()).map(TurnView::ordinal).orElse(0L);
                }
                writer.putThread(new ThreadView(
                        e.threadId(),
                        e.projectId(),
                        e.title(),
                        e.model(),
                        false,
                        false,
                        turns,
                        messages,
                        null,
                        at,
                        at,
                        version,
                        new ForkPoint(e.parentThreadId(), e.atMessageId())));
                search.index(SearchDocument.title(e.threadId(), e.projectId(), at, e.title()));
            }
            case THREAD_RENAMED ->
                updateThread(stored, t -> {
                    ThreadView renamed = t.withTitle(((ThreadRenamed) event).title());
                    search.index(SearchDocument.title(t.id(), t.projectId(), t.createdAt(), renamed.title()));
                    return renamed;
                });
            case THREAD_ARCHIVED -> updateThread(stored, t -> t.withFlags(true, t.deleted()));
            case THREAD_UNARCHIVED -> updateThread(stored, t -> t.withFlags(false, t.deleted()));
            case THREAD_DELETED -> {
                updateThread(stored, t -> t.withFlags(t.archived(), true));
                search.removeThread(((ThreadDeleted) event).threadId());
            }
            case TURN_STARTED -> {
                TurnStarted e = (TurnStarted) event;
                updateThread(stored, t -> {
                    writer.putTurn(
                            new TurnView(e.turnId(), t.id(), t.turnCount() + 1, TurnStatus.RUNNING, null, at, null));
                    return t.withRunningTurn(e.turnId(), t.turnCount() + 1);
                });
            }
            case TURN_COMPLETED -> endTurn(stored, ((TurnCompleted) event).turnId(), TurnStatus.COMPLETED, null);
            case TURN_FAILED -> {
                TurnFailed e = (TurnFailed) event;
                endTurn(stored, e.turnId(), TurnStatus.FAILED, e.error());
            }
            case TURN_INTERRUPTED -> endTurn(stored, ((TurnInterrupted) event).turnId(), TurnStatus.INTERRUPTED, null);
            case MESSAGE_ADDED -> {
                MessageAdded e = (MessageAdded) event;
                updateThread(stored, t -> {
                    writer.putMessage(new MessageView(
                            e.messageId(),
                            t.id(),
                            e.turnId(),
                            t.messageCount() + 1,
                            e.role(),
                            e.text(),
                            e.streaming(),
                            at,
                            at));
                    if (!e.streaming()) {
                        search.index(SearchDocument.message(
                                t.id(), t.projectId(), e.turnId(), e.messageId(), e.role(), at, e.text()));
                    }
                    return t.withMessageCount(t.messageCount() + 1);
                });
            }
            case MESSAGE_DELTA_APPENDED -> {
                MessageDeltaAppended e = (MessageDeltaAppended) event;
                writer.appendMessageText(e.messageId(), e.delta(), at);
                updateThread(stored, UnaryOperator.identity());
            }
            case MESSAGE_COMPLETED -> {
                reads.message(((MessageCompleted) event).messageId()).ifPresent(m -> {
                    writer.putMessage(new MessageView(
                            m.id(),
                            m.threadId(),
                            m.turnId(),
                            m.ordinal(),
                            m.role(),
                            m.text(),
                            false,
                            m.createdAt(),
                            at));
                    // Indexed once, complete: the deltas before never touched the index.
                    reads.thread(m.threadId())
                            .ifPresent(t -> search.index(SearchDocument.message(
                                    m.threadId(),
                                    t.projectId(),
                                    m.turnId(),
                                    m.id(),
                                    m.role(),
                                    m.createdAt(),
                                    m.text())));
                });
                updateThread(stored, UnaryOperator.identity());
            }
            case CHECKPOINT_CREATED -> {
                CheckpointCreated e = (CheckpointCreated) event;
                writer.putCheckpoint(new CheckpointView(
                        e.checkpointId(),
                        e.threadId(),
                        e.turnId(),
                        e.gitRef(),
                        e.message(),
                        at,
                        null,
                        e.commit(),
                        e.skipped()));
                updateThread(stored, UnaryOperator.identity());
            }
            case CHECKPOINT_RESTORED -> {
                CheckpointRestored e = (CheckpointRestored) event;
                reads.checkpoint(e.checkpointId()).ifPresent(c -> {
                    writer.putCheckpoint(c.restored(at));
                    reads.turn(c.turnId()).ifPresent(turn -> writer.revertTurnsAfter(e.threadId(), turn.ordinal(), at));
                });
                updateThread(stored, UnaryOperator.identity());
            }
            case SETTING_CHANGED -> {
                SettingChanged e = (SettingChanged) event;
                if (e.value() == null) {
                    writer.removeSetting(e.key());
                } else {
                    writer.putSetting(new SettingView(e.key(), e.value(), at));
                }
            }
            case THREAD_PURGED -> {
                ThreadId purged = ((ThreadPurged) event).threadId();
                writer.purgeThread(purged);
                search.removeThread(purged);
            }
            case EVENTS_QUARANTINED -> {
                // Nothing to apply: the quarantine rebuilds the read models from the log that remains.
            }
        }
    }

    private void endTurn(StoredEvent stored, TurnId turnId, TurnStatus status, String error) {
        Instant at = stored.event().at();
        reads.turn(turnId)
                .ifPresent(turn -> writer.putTurn(
                        new TurnView(turn.id(), turn.threadId(), turn.ordinal(), status, error, turn.startedAt(), at)));
        updateThread(stored, t -> turnId.equals(t.runningTurn()) ? t.withRunningTurn(null, t.turnCount()) : t);
    }

    /** Changes the row of the event's thread, stamping its activity time and stream version. */
    private void updateThread(StoredEvent stored, UnaryOperator<ThreadView> change) {
        ThreadId id = new ThreadId(UUID.fromString(stored.streamId()));
        reads.thread(id)
                .ifPresent(current -> writer.putThread(
                        change.apply(current).touched(stored.event().at(), stored.streamVersion())));
    }
}
