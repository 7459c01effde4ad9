package dev.threadline.application;

import dev.threadline.application.command.Commands;
import dev.threadline.application.port.CountingIds;
import dev.threadline.application.port.InMemoryStorage;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.Subscriptions;
import java.time.Duration;

/**
 * The application's real commands, projections, queries, subscriptions and message streams wired
 * by hand on the in-memory fakes, as bootstrap's {@code Threadline} wires them on SQLite.
 */
public final class InMemoryThreadline {

    /** How often subscriptions look for commits made through another store on the same storage. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private InMemoryThreadline() {}

    private static StoreUnderTest wire(InMemoryStorage storage, CountingIds ids, StoreUnderTest.Options options) {
        Projections projections = new Projections(storage, storage.projectionStorage(), InMemoryStorage.scratchSpace());
        Subscriptions subscriptions = new Subscriptions(storage, POLL_INTERVAL);
        Commands commands = new Commands(
                storage, storage, storage, storage, projections, options.clock(), ids, subscriptions::notifyCommitted);
        projections.catchUp();
        return new StoreUnderTest(
                commands,
                new Queries(storage, storage),
                projections,
                storage,
                storage::inTransaction,
                subscriptions::subscribe,
                (thread, role) -> MessageStream.open(commands, options.coalescing(), options.clock(), thread, role),
                subscriptions::close);
    }

    /**
     * Stores on one new, empty in-memory storage. Its clock is the first store's: the storage stamps
     * {@code recordedAt} with it.
     */
    public static StoreUnderTest.Stores stores() {
        CountingIds ids = new CountingIds();
        InMemoryStorage[] storage = new InMemoryStorage[1];
        return options -> {
            synchronized (storage) {
                if (storage[0] == null) {
                    storage[0] = new InMemoryStorage(options.clock());
                }
                return wire(storage[0], ids, options);
            }
        };
    }

    /** A store on a new, empty in-memory storage. */
    public static StoreUnderTest open(StoreUnderTest.Options options) {
        return stores().open(options);
    }
}
