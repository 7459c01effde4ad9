package dev.threadline.application;

import dev.threadline.application.command.Command;
import dev.threadline.application.importing.ImportSummary;
import dev.threadline.application.lifecycle.StoreLifecycle;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.Coalescing;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.EventStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A store as the behaviour tests drive it: the application's commands, queries, projections,
 * subscriptions and message streams wired on one storage. {@link InMemoryThreadline} wires them on
 * the in-memory fakes; bootstrap's tests wire the SQLite-backed facade behind the same surface.
 */
public interface StoreUnderTest extends AutoCloseable {

    /** Runs a command. */
    CommandResult execute(Command command);

    /** Runs a command under an id: a retry with the same id returns the first result. */
    CommandResult execute(Command command, String commandId);

    /** Runs work in one write transaction; an exception rolls it all back. */
    <T> T inTransaction(Supplier<T> work);

    /** The query API. */
    Queries queries();

    /** The projections' maintenance. */
    Projections projections();

    /** The event log itself. */
    EventStore events();

    /** Delivers every event after a position, then live events as they commit, until closed. */
    Subscription subscribe(long afterSequence, EventHandler handler);

    /** Starts a streaming message in the thread's running turn. */
    MessageStream streamMessage(ThreadId thread, Role role);

    /** The lifecycle use cases: purges, the retention sweep, the quarantine. */
    StoreLifecycle lifecycle();

    /** Imports an archive that a purge wrote, as the {@code import} command does, and catches up. */
    ImportSummary importArchive(Path archive);

    @Override
    void close();

    /**
     * How a store is opened.
     *
     * @param clock the time source of events and receipts
     * @param coalescing when message streams write their buffered deltas
     */
    record Options(Clock clock, Coalescing coalescing) {

        /** Checks that every field is present. */
        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(coalescing, "coalescing");
        }

        /** The system clock and default coalescing. */
        public static Options defaults() {
            return new Options(Clock.systemUTC(), Coalescing.defaults());
        }

        /** These options with another clock. */
        public Options withClock(Clock value) {
            return new Options(value, coalescing);
        }

        /** These options with another coalescing policy. */
        public Options withCoalescing(Coalescing value) {
            return new Options(clock, value);
        }
    }

    /**
     * Opens stores on one storage: a store opened after another was closed finds what it wrote, and
     * two open at once see each other's commits, as two processes on one database would.
     */
    @FunctionalInterface
    interface Stores {

        /** Opens a store on the storage, bringing its projections up to date first. */
        StoreUnderTest open(Options options);

        /** Opens a store with the default options. */
        default StoreUnderTest open() {
            return open(Options.defaults());
        }
    }
}
