package dev.threadline.benchmark;

import dev.threadline.application.command.Command;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.EventStore;
import java.nio.file.Path;
import java.util.function.Supplier;

/** What the scenarios use of an open store; the composition root supplies the store. */
public interface BenchmarkedStore extends AutoCloseable {

    /** Runs a command. */
    CommandResult execute(Command command);

    /** Runs a command under an id, as a client that retries safely does. */
    CommandResult execute(Command command, String commandId);

    /** Runs work in one write transaction: the commands it executes commit together. */
    <T> T inTransaction(Supplier<T> work);

    /** The event log. */
    EventStore events();

    /** The projections' maintenance (rebuild). */
    Projections projections();

    /** The read models. */
    Queries queries();

    /** A coalescing stream of a new message in the thread's running turn. */
    MessageStream streamMessage(ThreadId thread, Role role);

    /** The database file, which the baseline reads beside the store. */
    Path databaseFile();

    @Override
    void close();
}
