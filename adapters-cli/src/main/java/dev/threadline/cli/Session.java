package dev.threadline.cli;

import dev.threadline.application.command.Command;
import dev.threadline.application.port.Maintenance;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.EventStore;
import java.nio.file.Path;

/** An open store, as the command line uses it. */
public interface Session extends AutoCloseable {

    /** Runs a command, under an id when one is given (null for none). */
    CommandResult execute(Command command, String commandId);

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

    /** Care of the store: where it is, its schema version, integrity check and backups. */
    Maintenance maintenance();

    @Override
    void close();
}
