package dev.threadline.bootstrap;

import dev.threadline.application.checkpoint.CapturedCheckpoint;
import dev.threadline.application.checkpoint.RestoreOptions;
import dev.threadline.application.checkpoint.RestoredCheckpoint;
import dev.threadline.application.checkpoint.TurnCompletion;
import dev.threadline.application.command.Command;
import dev.threadline.application.command.Commands;
import dev.threadline.application.importing.ImportEvents;
import dev.threadline.application.lifecycle.StoreLifecycle;
import dev.threadline.application.port.Maintenance;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.Coalescing;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.application.usage.ReportUsage;
import dev.threadline.application.usage.UsageReport;
import dev.threadline.application.workspace.DiffFormat;
import dev.threadline.benchmark.BenchmarkedStore;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.store.EventStore;
import dev.threadline.sqlite.SqliteOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Threadline embedded in a JVM application: the composition root, wired by hand. Open a store,
 * run commands, read projections, subscribe to events, then close it.
 *
 * <pre>{@code
 * try (Threadline store = Threadline.open(Path.of("data"))) {
 *     ProjectId project = store.execute(new CreateProject("demo", "/src/demo")).projectId();
 * }
 * }</pre>
 *
 * <p>One instance is safe to use from many threads at once, and one per process is enough. What a
 * caller can rely on when several threads run commands together:
 *
 * <ul>
 *   <li>A command returns its result only once what it wrote is committed; commands that arrive
 *       while another is being written share the next transaction (a group commit), and each
 *       caller waits for that transaction's commit.
 *   <li>A caller sees its own outcome only: a command refused by a rule, a version conflict or a
 *       missing thing is undone alone and never changes another caller's outcome. When a group's
 *       commit fails, each of its commands fails with a {@code StorageFailure} and nothing of it
 *       is stored, receipts included, so a retry under the same command id is safe.
 *   <li>The order of the sequence numbers is the order in which the writer ran the commands;
 *       commands of one thread are in the order that thread issued them.
 *   <li>Subscribers are woken once per committed transaction, not once per command.
 *   <li>Commands run inside {@link #inTransaction} on the same thread join that transaction at
 *       once; they are never queued behind it.
 * </ul>
 */
public final class Threadline implements AutoCloseable, BenchmarkedStore {

    /**
     * How a store is opened.
     *
     * @param sqlite SQLite's synchronous mode and busy timeout
     * @param coalescing when message streams write their buffered deltas
     * @param pollInterval how often subscriptions look for other processes' commits
     * @param clock the time source of events and receipts
     */
    public record Options(SqliteOptions sqlite, Coalescing coalescing, Duration pollInterval, Clock clock) {

        /** Checks that every field is present. */
        public Options {
            Objects.requireNonNull(sqlite, "sqlite");
            Objects.requireNonNull(coalescing, "coalescing");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(clock, "clock");
        }

        /** WAL with synchronous=NORMAL, default coalescing, 100 ms polling, the system clock. */
        public static Options defaults() {
            return new Options(
                    SqliteOptions.defaults(), Coalescing.defaults(), Duration.ofMillis(100), Clock.systemUTC());
        }

        /** These options with other SQLite settings. */
        public Options withSqlite(SqliteOptions value) {
            return new Options(value, coalescing, pollInterval, clock);
        }

        /** These options with another coalescing policy. */
        public Options withCoalescing(Coalescing value) {
            return new Options(sqlite, value, pollInterval, clock);
        }
    }

    private final Path dataDirectory;
    private final Options options;
    private final Path databaseFile;
    private final UseCases app;

    private Threadline(Path dataDirectory, Options options, StoragePorts storage) {
        this.dataDirectory = dataDirectory;
        this.options = options;
        this.databaseFile = storage.file();
        this.app = UseCases.wire(dataDirectory, options, storage);
    }

    /**
     * Opens (creating when absent) the store in a data directory, and brings its projections up to
     * date before returning.
     *
     * @throws dev.threadline.domain.error.StorageFailure when the store cannot be opened
     */
    public static Threadline open(Path dataDirectory) {
        return open(dataDirectory, Options.defaults());
    }

    /** Opens the store in a data directory with the given options. */
    public static Threadline open(Path dataDirectory, Options options) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        return new Threadline(directory, options, StoragePorts.sqlite(directory, options.sqlite(), options.clock()));
    }

    /**
     * Opens the store a database URL names, keeping what is local to this machine (archives,
     * checkpoint repositories) in the data directory. A {@code postgresql://user@host:port/db}
     * URL (optionally {@code ?schema=NAME}, default {@code threadline}) names a schema on a
     * PostgreSQL server that many nodes share; null or blank means the SQLite file in the data
     * directory.
     *
     * @throws dev.threadline.domain.error.InvalidInput when the URL is not one Threadline reads
     * @throws dev.threadline.domain.error.StorageFailure when the store cannot be opened
     */
    public static Threadline open(Path dataDirectory, String databaseUrl, Options options) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            return open(dataDirectory, options);
        }
        Path directory = dataDirectory.toAbsolutePath().normalize();
        return new Threadline(directory, options, StoragePorts.postgres(databaseUrl, options.clock()));
    }

    /**
     * Opens a store in a schema of a PostgreSQL database reached through the embedder's own data
     * source (its pool and credentials), keeping what is local to this machine in the data
     * directory.
     *
     * @param schema the schema that holds (or will hold) Threadline's tables
     */
    public static Threadline open(Path dataDirectory, DataSource dataSource, String schema, Options options) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        return new Threadline(directory, options, StoragePorts.postgres(dataSource, schema, options.clock()));
    }

    /** Opens the store in the default data directory ({@link #defaultDataDirectory()}). */
    public static Threadline openDefault() {
        return open(defaultDataDirectory(System.getenv()));
    }

    /** The default data directory for this process's environment. */
    public static Path defaultDataDirectory() {
        return defaultDataDirectory(System.getenv());
    }

    /**
     * The default data directory: {@code $THREADLINE_HOME}, else {@code $XDG_DATA_HOME/threadline},
     * else {@code ~/.local/share/threadline}, {@code ~} being {@code $HOME} as the shell has it
     * (the account's home directory when it is unset).
     */
    public static Path defaultDataDirectory(Map<String, String> environment) {
        return DataDirectories.byDefault(environment);
    }

    /** Runs a command; returns once it is committed. Safe from many threads at once. */
    public CommandResult execute(Command command) {
        return app.commands().execute(command);
    }

    /** Runs a command under an id: a retry with the same id returns the first result. */
    public CommandResult execute(Command command, String commandId) {
        return app.commands().execute(command, commandId);
    }

    /**
     * Completes the thread's running turn, then captures its project's workspace as a checkpoint
     * when the project's directory exists and the setting {@code checkpoints.auto} is not {@code
     * off}. A failed capture is reported in the result; the turn is complete either way.
     *
     * @param commandId an id for completing the turn, or null
     */
    public TurnCompletion completeTurn(ThreadId thread, String commandId) {
        return app.capture().completeTurn(thread, commandId);
    }

    /**
     * Snapshots the thread's project workspace (in a shadow repository under the data directory,
     * never the user's own) and records it as a checkpoint.
     *
     * @param turn an ended turn of the thread, or null for its last ended turn
     * @param message a description, or null for a default one
     * @param commandId an id for the capture, or null
     */
    public CapturedCheckpoint captureCheckpoint(ThreadId thread, TurnId turn, String message, String commandId) {
        return app.capture().capture(thread, turn, message, commandId);
    }

    /**
     * The difference between two checkpoints' snapshots, or a checkpoint's and the workspace.
     *
     * @param to the newer checkpoint, or null for the workspace as it is now
     */
    public String diffCheckpoints(CheckpointId from, CheckpointId to, DiffFormat format) {
        return app.diff().diff(from, to, format);
    }

    /**
     * Restores a checkpoint: the workspace's files (unless history only, or the checkpoint is a ref
     * recorded by hand), then the thread's history.
     *
     * @param commandId an id for the restore, or null
     */
    public RestoredCheckpoint restoreCheckpoint(
            ThreadId thread, CheckpointId checkpoint, RestoreOptions options, String commandId) {
        return app.restore().restore(thread, checkpoint, options, commandId);
    }

    /**
     * Runs work in one write transaction: the commands it executes join it and commit together (a
     * batch of commands costs one commit), and an exception rolls them all back.
     */
    public <T> T inTransaction(Supplier<T> work) {
        return app.transactions().inTransaction(work);
    }

    /** The command API. */
    public Commands commands() {
        return app.commands();
    }

    /** The query API. */
    public Queries queries() {
        return app.queries();
    }

    /** The projections' maintenance: status, catch-up, rebuild, verify. */
    public Projections projections() {
        return app.projections();
    }

    /** The event log itself. */
    public EventStore events() {
        return app.events();
    }

    /** Delivers every event after a position, then live events as they commit, until closed. */
    public Subscription subscribe(long afterSequence, EventHandler handler) {
        return app.subscriptions().subscribe(afterSequence, handler);
    }

    /** Starts a streaming message in the thread's running turn; deltas are coalesced. */
    public MessageStream streamMessage(ThreadId thread, Role role) {
        return MessageStream.open(app.commands(), options.coalescing(), options.clock(), thread, role);
    }

    /** The data directory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The SQLite database file, or null when the store is on a PostgreSQL server. */
    @Override
    public Path databaseFile() {
        return databaseFile;
    }

    /** Tells the events' other readers (subscriptions) that the log has grown. */
    public void notifyCommitted() {
        app.subscriptions().notifyCommitted();
    }

    /**
     * Where the store's bytes are: its size, the free space inside it (what {@link #compact()}
     * gives back) and on its file system, each table's share, and the threads and projects whose
     * events take the most. It only reads: the store is left exactly as it was.
     *
     * @param top how many threads and projects to list ({@link ReportUsage#DEFAULT_TOP} is usual)
     * @throws dev.threadline.domain.error.InvalidInput when {@code top} is negative
     */
    public UsageReport usage(int top) {
        return app.usage().report(top);
    }

    /**
     * Gives back the store's free space (SQLite's {@code VACUUM}), waiting for other writers as any
     * write does. Not inside {@link #inTransaction}.
     *
     * @return the store's size before and after
     */
    public Maintenance.Compaction compact() {
        return app.maintenance().compact();
    }

    /**
     * The store's lifecycle: purging archived or deleted threads (their archive written first, in
     * the export format, under {@code archives/} of the data directory unless told otherwise), the
     * retention sweep, and the quarantine of rows that cannot be decoded (under {@code
     * quarantine/}). Restoring a purged thread is an import of its archive.
     */
    public StoreLifecycle lifecycle() {
        return app.lifecycle();
    }

    /**
     * Imports an export (JSON Lines read by the caller), keeping event ids and stream versions;
     * under a command id, a retry with the same input returns the first summary and writes nothing.
     */
    public ImportEvents importing() {
        return app.importing();
    }

    /** Care of the store: integrity check, backup, size, compaction, schema version. */
    public Maintenance maintenance() {
        return app.maintenance();
    }

    /** Stops the subscriptions and releases the store. */
    @Override
    public void close() {
        app.close();
    }
}
