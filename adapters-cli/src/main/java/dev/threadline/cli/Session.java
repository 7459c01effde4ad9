package dev.threadline.cli;

import dev.threadline.application.checkpoint.CapturedCheckpoint;
import dev.threadline.application.checkpoint.RestoreOptions;
import dev.threadline.application.checkpoint.RestoredCheckpoint;
import dev.threadline.application.checkpoint.TurnCompletion;
import dev.threadline.application.command.Command;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.importing.ImportEvents;
import dev.threadline.application.lifecycle.StoreLifecycle;
import dev.threadline.application.port.Maintenance;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.application.usage.UsageReport;
import dev.threadline.application.workspace.DiffFormat;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.store.EventStore;
import java.nio.file.Path;

/** An open store, as the command line uses it. */
public interface Session extends AutoCloseable {

    /** Runs a command, under an id when one is given (null for none). */
    CommandResult execute(Command command, String commandId);

    /**
     * Completes the thread's running turn and captures the workspace automatically (when the
     * project's directory exists and {@code checkpoints.auto} is not {@code off}).
     */
    default TurnCompletion completeTurn(ThreadId thread, String commandId) {
        return new TurnCompletion(execute(new CompleteTurn(thread), commandId), null, null);
    }

    /** Snapshots the thread's project workspace as a checkpoint of an ended turn (null: the last). */
    default CapturedCheckpoint captureCheckpoint(ThreadId thread, TurnId turn, String message, String commandId) {
        throw new UnsupportedOperationException("this store does not snapshot workspaces");
    }

    /** The difference from a checkpoint to another (null: to the workspace). */
    default String diffCheckpoints(CheckpointId from, CheckpointId to, DiffFormat format) {
        throw new UnsupportedOperationException("this store does not snapshot workspaces");
    }

    /** Restores a checkpoint's files and history. */
    default RestoredCheckpoint restoreCheckpoint(
            ThreadId thread, CheckpointId checkpoint, RestoreOptions options, String commandId) {
        throw new UnsupportedOperationException("this store does not snapshot workspaces");
    }

    /** Purges, the retention sweep and the quarantine of undecodable rows. */
    default StoreLifecycle lifecycle() {
        throw new UnsupportedOperationException("this store has no lifecycle operations");
    }

    /** Imports exports, under a command id when one is given. */
    default ImportEvents importing() {
        throw new UnsupportedOperationException("this store does not import");
    }

    /** The read models. */
    Queries queries();

    /** The projections' maintenance. */
    Projections projections();

    /** The event log. */
    EventStore events();

    /** Every event after a position, then live events, on a thread of its own. */
    Subscription subscribe(long afterSequence, EventHandler handler);

    /** A coalescing stream of a new message in the thread's running turn. */
    MessageStream streamMessage(ThreadId thread, Role role);

    /** Wakes this process's subscribers after writes that bypassed the commands. */
    void notifyCommitted();

    /** The data directory. */
    Path dataDirectory();

    /** Where the store's bytes are, with the largest {@code top} threads and projects; reads only. */
    UsageReport usage(int top);

    /** Gives back the store's free space, waiting for other writers; the size before and after. */
    Maintenance.Compaction compact();

    /** Care of the store: where it is, its schema version, integrity check and backups. */
    Maintenance maintenance();

    @Override
    void close();
}
