package dev.threadline.bootstrap;

import dev.threadline.application.checkpoint.CapturedCheckpoint;
import dev.threadline.application.checkpoint.RestoreOptions;
import dev.threadline.application.checkpoint.RestoredCheckpoint;
import dev.threadline.application.checkpoint.TurnCompletion;
import dev.threadline.application.command.Command;
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
import dev.threadline.cli.Session;
import dev.threadline.cli.StoreAccess;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.store.EventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The command line's view of an open {@link Threadline}, with the maintenance it needs. */
final class ThreadlineSession implements Session {

    /** The environment variable that shortens or lengthens the wait for a busy file, in milliseconds. */
    static final String BUSY_TIMEOUT_VARIABLE = "THREADLINE_BUSY_TIMEOUT_MS";

    /** The environment variable that names the default database (a PostgreSQL URL). */
    static final String DATABASE_VARIABLE = "THREADLINE_DATABASE";

    /** Opens stores in data directories; the default one and the busy timeout come from the environment. */
    static final StoreAccess ACCESS = access(System.getenv());

    /** Store access configured by an environment: the default data directory and the busy timeout. */
    static StoreAccess access(Map<String, String> environment) {
        return new StoreAccess() {
            @Override
            public Session open(Path dataDirectory) {
                return open(dataDirectory, null);
            }

            @Override
            public Session open(Path dataDirectory, String database) {
                Threadline.Options options = Threadline.Options.defaults();
                String timeout = environment.get(BUSY_TIMEOUT_VARIABLE);
                if (timeout != null && !timeout.isBlank()) {
                    options = options.withSqlite(
                            options.sqlite().withBusyTimeout(Duration.ofMillis(busyMillis(timeout))));
                }
                String url = database != null ? database : environment.get(DATABASE_VARIABLE);
                return new ThreadlineSession(Threadline.open(dataDirectory, url, options));
            }

            @Override
            public Path defaultDataDirectory() {
                return Threadline.defaultDataDirectory(environment);
            }
        };
    }

    private static long busyMillis(String text) {
        try {
            long millis = Long.parseLong(text.strip());
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInput(BUSY_TIMEOUT_VARIABLE + " must be a number of milliseconds, not '" + text + "'");
    }

    private final Threadline store;

    ThreadlineSession(Threadline store) {
        this.store = store;
    }

    @Override
    public CommandResult execute(Command command, String commandId) {
        return commandId == null ? store.execute(command) : store.execute(command, commandId);
    }

    @Override
    public StoreLifecycle lifecycle() {
        return store.lifecycle();
    }

    @Override
    public ImportEvents importing() {
        return store.importing();
    }

    @Override
    public TurnCompletion completeTurn(ThreadId thread, String commandId) {
        return store.completeTurn(thread, commandId);
    }

    @Override
    public CapturedCheckpoint captureCheckpoint(ThreadId thread, TurnId turn, String message, String commandId) {
        return store.captureCheckpoint(thread, turn, message, commandId);
    }

    @Override
    public String diffCheckpoints(CheckpointId from, CheckpointId to, DiffFormat format) {
        return store.diffCheckpoints(from, to, format);
    }

    @Override
    public RestoredCheckpoint restoreCheckpoint(
            ThreadId thread, CheckpointId checkpoint, RestoreOptions options, String commandId) {
        return store.restoreCheckpoint(thread, checkpoint, options, commandId);
    }

    @Override
    public Queries queries() {
        return store.queries();
    }

    @Override
    public Projections projections() {
        return store.projections();
    }

    @Override
    public EventStore events() {
        return store.events();
    }

    @Override
    public Subscription subscribe(long afterSequence, EventHandler handler) {
        return store.subscribe(afterSequence, handler);
    }

    @Override
    public MessageStream streamMessage(ThreadId thread, Role role) {
        return store.streamMessage(thread, role);
    }

    @Override
    public void notifyCommitted() {
        store.notifyCommitted();
    }

    @Override
    public Path dataDirectory() {
        return store.dataDirectory();
    }

    @Override
    public UsageReport usage(int top) {
        return store.usage(top);
    }

    @Override
    public Maintenance.Compaction compact() {
        return store.compact();
    }

    @Override
    public Maintenance maintenance() {
        return store.maintenance();
    }

    @Override
    public void close() {
        store.close();
    }
}
