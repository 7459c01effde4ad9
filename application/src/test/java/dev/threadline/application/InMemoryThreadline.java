package dev.threadline.application;

import dev.threadline.application.command.Command;
import dev.threadline.application.command.Commands;
import dev.threadline.application.importing.ImportEvents;
import dev.threadline.application.importing.ImportRecord;
import dev.threadline.application.importing.ImportSummary;
import dev.threadline.application.lifecycle.StoreLifecycle;
import dev.threadline.application.port.CountingIds;
import dev.threadline.application.port.InMemoryStorage;
import dev.threadline.application.port.PlainArchiveFiles;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.application.subscription.Subscriptions;
import dev.threadline.application.workspace.InMemoryWorkspaceSnapshots;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.NewEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final PlainArchiveFiles archives;
    private final StoreLifecycle lifecycle;

    private InMemoryThreadline(InMemoryStorage storage, CountingIds ids, PlainArchiveFiles archives, Options options) {
        this.storage = storage;
        this.options = options;
        this.projections = new Projections(storage, storage.projectionStorage(), InMemoryStorage.scratchSpace());
        this.subscriptions = new Subscriptions(storage, POLL_INTERVAL);
        this.commands = new Commands(
                storage, storage, storage, storage, projections, options.clock(), ids, subscriptions::notifyCommitted);
        this.queries = new Queries(storage, storage);
        this.archives = archives;
        this.lifecycle = new StoreLifecycle(
                storage,
                storage,
                storage,
                storage,
                projections,
                archives,
                new InMemoryWorkspaceSnapshots(),
                options.clock(),
                ids,
                subscriptions::notifyCommitted);
        projections.catchUp();
    }

    /**
     * Stores on one new, empty in-memory storage. Its clock is the first store's: the storage stamps
     * {@code recordedAt} with it.
     */
    public static Stores stores() {
        CountingIds ids = new CountingIds();
        InMemoryStorage[] storage = new InMemoryStorage[1];
        PlainArchiveFiles archives;
        try {
            Path directory = Files.createTempDirectory("threadline-in-memory");
            directory.toFile().deleteOnExit();
            archives = new PlainArchiveFiles(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return options -> {
            synchronized (storage) {
                if (storage[0] == null) {
                    storage[0] = new InMemoryStorage(options.clock());
                }
                return new InMemoryThreadline(storage[0], ids, archives, options);
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
    public StoreLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public ImportSummary importArchive(Path archive) {
        List<StoredEvent> events = archives.archived(archive);
        if (events == null) {
            throw new IllegalArgumentException("no archive was written to " + archive);
        }
        List<ImportRecord> records = new ArrayList<>();
        for (StoredEvent event : events) {
            records.add(new ImportRecord(
                    records.size() + 1,
                    event.streamVersion(),
                    new NewEvent(
                            event.eventId(),
                            event.event(),
                            new EventMetadata(event.commandId(), event.causationId(), event.correlationId()))));
        }
        ImportSummary summary = new ImportEvents(storage).run(records.iterator(), done -> {});
        projections.catchUp();
        return summary;
    }

    @Override
    public void close() {
        subscriptions.close();
    }
}
