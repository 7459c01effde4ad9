package dev.threadline.application;

import dev.threadline.application.command.Commands;
import dev.threadline.application.importing.ImportEvents;
import dev.threadline.application.importing.ImportRecord;
import dev.threadline.application.importing.ImportSource;
import dev.threadline.application.importing.ImportSummary;
import dev.threadline.application.lifecycle.StoreLifecycle;
import dev.threadline.application.port.CountingIds;
import dev.threadline.application.port.InMemoryStorage;
import dev.threadline.application.port.PlainArchiveFiles;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.Subscriptions;
import dev.threadline.application.usage.ReportUsage;
import dev.threadline.application.workspace.InMemoryWorkspaceSnapshots;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.NewEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's real commands, projections, queries, subscriptions and message streams wired
 * by hand on the in-memory fakes, as bootstrap's {@code Threadline} wires them on SQLite.
 */
public final class InMemoryThreadline {

    /** How often subscriptions look for commits made through another store on the same storage. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private InMemoryThreadline() {}

    private static StoreUnderTest wire(
            InMemoryStorage storage, CountingIds ids, PlainArchiveFiles archives, StoreUnderTest.Options options) {
        Projections projections = new Projections(storage, storage.projectionStorage(), InMemoryStorage.scratchSpace());
        Subscriptions subscriptions = new Subscriptions(storage, POLL_INTERVAL);
        Commands commands = new Commands(
                storage, storage, storage, storage, projections, options.clock(), ids, subscriptions::notifyCommitted);
        StoreLifecycle lifecycle = new StoreLifecycle(
                storage,
                storage,
                storage,
                storage,
                storage,
                projections,
                storage,
                archives,
                new InMemoryWorkspaceSnapshots(),
                options.clock(),
                ids,
                subscriptions::notifyCommitted);
        ImportEvents importing = new ImportEvents(storage, storage, storage);
        projections.catchUp();
        Queries queries = new Queries(storage, storage);
        ReportUsage usage = new ReportUsage(storage, queries);
        return new StoreUnderTest(
                commands,
                queries,
                projections,
                storage,
                storage::inTransaction,
                subscriptions::subscribe,
                (thread, role) -> MessageStream.open(commands, options.coalescing(), options.clock(), thread, role),
                usage::report,
                lifecycle,
                archive -> importArchive(importing, projections, archives, archive),
                importing,
                subscriptions::close);
    }

    /** Imports the events a purge archived to the file, as {@code import} would read them back. */
    private static ImportSummary importArchive(
            ImportEvents importing, Projections projections, PlainArchiveFiles archives, Path archive) {
        List<StoredEvent> events = archives.archived(archive);
        if (events == null) {
            throw new IllegalArgumentException("no archive was written to " + archive);
        }
        List<ImportRecord> records = new ArrayList<>();
        for (StoredEvent event : events) {
            records.add(new ImportRecord(
                    records.size() + 1,
                    event.sequence(),
                    event.streamVersion(),
                    new NewEvent(
                            event.eventId(),
                            event.event(),
                            new EventMetadata(event.commandId(), event.causationId(), event.correlationId()))));
        }
        ImportSummary summary = importing.run(ImportSource.of(records), done -> {});
        projections.catchUp();
        return summary;
    }

    /**
     * Stores on one new, empty in-memory storage. Its clock is the first store's: the storage stamps
     * {@code recordedAt} with it.
     */
    public static StoreUnderTest.Stores stores() {
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
                return wire(storage[0], ids, archives, options);
            }
        };
    }

    /** A store on a new, empty in-memory storage. */
    public static StoreUnderTest open(StoreUnderTest.Options options) {
        return stores().open(options);
    }
}
