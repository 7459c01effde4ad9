package dev.threadline.application;

import dev.threadline.application.command.Command;
import dev.threadline.application.command.Commands;
import dev.threadline.application.importing.ImportEvents;
import dev.threadline.application.importing.ImportSummary;
import dev.threadline.application.lifecycle.StoreLifecycle;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.Coalescing;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.application.usage.UsageReport;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.EventStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A store as the behaviour tests drive it: the application's commands, queries, projections,
 * subscriptions and message streams wired on one storage. {@link InMemoryThreadline} wires them on
 * the in-memory fakes; bootstrap's {@code SqliteStoreUnderTest} takes them from the SQLite-backed
 * facade.
 */
public class StoreUnderTest implements AutoCloseable {

    private final Commands commands;
    private final Queries queries;
    private final Projections projections;
    private final EventStore events;
    private final Transactional transactions;
    private final Subscriber subscriptions;
    private final MessageStreams messageStreams;
    private final IntFunction<UsageReport> usage;
    private final StoreLifecycle lifecycle;
    private final ArchiveImport archiveImport;
    private final ImportEvents importing;
    private final Runnable closing;

    /**
     * @param commands the command API
     * @param queries the query API
     * @param projections the projections' maintenance
     * @param events the event log itself
     * @param transactions runs work in one write transaction
     * @param subscriptions opens subscriptions
     * @param messageStreams opens message streams
     * @param usage reports where the store's bytes are, with the largest N threads and projects
     * @param lifecycle the lifecycle use cases: purges, the retention sweep, the quarantine
     * @param archiveImport imports an archive a purge wrote
     * @param importing the import of records, as the {@code import} command runs it
     * @param closing releases the store
     */
    public StoreUnderTest(
            Commands commands,
            Queries queries,
            Projections projections,
            EventStore events,
            Transactional transactions,
            Subscriber subscriptions,
            MessageStreams messageStreams,
            IntFunction<UsageReport> usage,
            StoreLifecycle lifecycle,
            ArchiveImport archiveImport,
            ImportEvents importing,
            Runnable closing) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.projections = Objects.requireNonNull(projections, "projections");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.messageStreams = Objects.requireNonNull(messageStreams, "messageStreams");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.archiveImport = Objects.requireNonNull(archiveImport, "archiveImport");
        this.importing = Objects.requireNonNull(importing, "importing");
        this.closing = Objects.requireNonNull(closing, "closing");
    }

    /** The query API. */
    public Queries queries() {
        return queries;
    }

    /** The projections' maintenance. */
    public Projections projections() {
        return projections;
    }

    /** The event log itself. */
    public EventStore events() {
        return events;
    }

    /** Runs a command. */
    public CommandResult execute(Command command) {
        return commands.execute(command);
    }

    /** Runs a command under an id: a retry with the same id returns the first result. */
    public CommandResult execute(Command command, String commandId) {
        return commands.execute(command, commandId);
    }

    /** Runs work in one write transaction; an exception rolls it all back. */
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.inTransaction(work);
    }

    /** Delivers every event after a position, then live events as they commit, until closed. */
    public Subscription subscribe(long afterSequence, EventHandler handler) {
        return subscriptions.subscribe(afterSequence, handler);
    }

    /** Starts a streaming message in the thread's running turn. */
    public MessageStream streamMessage(ThreadId thread, Role role) {
        return messageStreams.open(thread, role);
    }

    /** Where the store's bytes are, with the largest {@code top} threads and projects. */
    public UsageReport usage(int top) {
        return usage.apply(top);
    }

    /** The lifecycle use cases: purges, the retention sweep, the quarantine. */
    public StoreLifecycle lifecycle() {
        return lifecycle;
    }

    /** Imports an archive that a purge wrote, as the {@code import} command does, and catches up. */
    public ImportSummary importArchive(Path archive) {
        return archiveImport.importArchive(archive);
    }

    /** The import of records (without catching the projections up), as {@code import} runs it. */
    public ImportEvents importing() {
        return importing;
    }

    @Override
    public void close() {
        closing.run();
    }

    /** Imports an archive that a purge wrote. */
    @FunctionalInterface
    public interface ArchiveImport {
        /** Imports it and brings the projections up to date. */
        ImportSummary importArchive(Path archive);
    }

    /** Runs work in one write transaction. */
    @FunctionalInterface
    public interface Transactional {
        /** Runs the work and commits; an exception rolls it all back. */
        <T> T inTransaction(Supplier<T> work);
    }

    /** Opens subscriptions. */
    @FunctionalInterface
    public interface Subscriber {
        /** Delivers every event after a position, then live events as they commit, until closed. */
        Subscription subscribe(long afterSequence, EventHandler handler);
    }

    /** Opens message streams. */
    @FunctionalInterface
    public interface MessageStreams {
        /** Starts a streaming message in the thread's running turn. */
        MessageStream open(ThreadId thread, Role role);
    }

    /**
     * How a store is opened.
     *
     * @param clock the time source of events and receipts
     * @param coalescing when message streams write their buffered deltas
     */
    public record Options(Clock clock, Coalescing coalescing) {

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
    public interface Stores {

        /** Opens a store on the storage, bringing its projections up to date first. */
        StoreUnderTest open(Options options);

        /** Opens a store with the default options. */
        default StoreUnderTest open() {
            return open(Options.defaults());
        }
    }
}
