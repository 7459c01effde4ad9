package dev.threadline.application;

import dev.threadline.application.command.Command;
import dev.threadline.application.command.Commands;
import dev.threadline.application.port.CountingIds;
import dev.threadline.application.port.InMemoryStorage;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.application.subscription.Subscriptions;
import dev.threadline.application.usage.ReportUsage;
import dev.threadline.application.usage.UsageReport;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.EventStore;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The application's real commands, projections, queries, subscriptions and message streams wired
 * by hand on the in-memory fakes, as bootstrap's {@code Threadline} wires them on SQLite.
 */
public final class InMemoryThreadline implements StoreUnderTest {

    /** How often subscriptions look for commits made through another store on the same storage. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final InMemoryStorage storage;
    private final Options options;
    private final Projections projections;
    private final Subscriptions subscriptions;
    private final Commands commands;
    private final Queries queries;

    private InMemoryThreadline(InMemoryStorage storage, CountingIds ids, Options options) {
        this.storage = storage;
        this.options = options;
        this.projections = new Projections(storage, storage.projectionStorage(), InMemoryStorage.scratchSpace());
        this.subscriptions = new Subscriptions(storage, POLL_INTERVAL);
        this.commands = new Commands(
                storage, storage, storage, storage, projections, options.clock(), ids, subscriptions::notifyCommitted);
        this.queries = new Queries(storage, storage);
        projections.catchUp();
    }

    /**
     * Stores on one new, empty in-memory storage. Its clock is the first store's: the storage stamps
     * {@code recordedAt} with it.
     */
    public static Stores stores() {
        CountingIds ids = new CountingIds();
        InMemoryStorage[] storage = new InMemoryStorage[1];
        return options -> {
            synchronized (storage) {
                if (storage[0] == null) {
                    storage[0] = new InMemoryStorage(options.clock());
                }
                return new InMemoryThreadline(storage[0], ids, options);
            }
        };
    }

    /** A store on a new, empty in-memory storage. */
    public static StoreUnderTest open(Options options) {
        return stores().open(options);
    }

    @Override
    public CommandResult execute(Command command) {
        return commands.execute(command);
    }

    @Override
    public CommandResult execute(Command command, String commandId) {
        return commands.execute(command, commandId);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return storage.inTransaction(work);
    }

    @Override
    public Queries queries() {
        return queries;
    }

    @Override
    public Projections projections() {
        return projections;
    }

    @Override
    public EventStore events() {
        return storage;
    }

    @Override
    public Subscription subscribe(long afterSequence, EventHandler handler) {
        return subscriptions.subscribe(afterSequence, handler);
    }

    @Override
    public MessageStream streamMessage(ThreadId thread, Role role) {
        return MessageStream.open(commands, options.coalescing(), options.clock(), thread, role);
    }

    @Override
    public UsageReport usage(int top) {
        return new ReportUsage(storage, queries).report(top);
    }

    @Override
    public void close() {
        subscriptions.close();
    }
}
