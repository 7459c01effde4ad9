package dev.threadline.cli;

import dev.threadline.application.command.Command;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.EventStore;
import java.nio.file.Path;
import java.util.List;

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

    /** The database file. */
    Path databaseFile();

    /** The schema version of the database. */
    int schemaVersion();

    /** SQLite's integrity check of the live database: {@code ["ok"]} when sound. */
    List<String> integrityCheck();

    /**
     * Writes a consistent copy of the database to a new file and checks the copy.
     *
     * @return the integrity check of the copy: {@code ["ok"]} when sound
     */
    List<String> backup(Path target);

    /** The event's JSON payload as stored, with its {@code type} field. */
    String encodePayload(Event event);

    /**
     * Decodes a payload stored under a type name.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    Event decodePayload(String type, String payload);

    @Override
    void close();
}
