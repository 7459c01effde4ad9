package dev.threadline.bootstrap;

import dev.threadline.application.checkpoint.CaptureCheckpoint;
import dev.threadline.application.checkpoint.DiffCheckpoints;
import dev.threadline.application.checkpoint.RestoreWorkspace;
import dev.threadline.application.command.Commands;
import dev.threadline.application.importing.ImportEvents;
import dev.threadline.application.lifecycle.StoreLifecycle;
import dev.threadline.application.port.IdSource;
import dev.threadline.application.port.Maintenance;
import dev.threadline.application.port.ProjectionStorage;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.subscription.Subscriptions;
import dev.threadline.application.usage.ReportUsage;
import dev.threadline.application.workspace.WorkspaceSnapshots;
import dev.threadline.domain.store.EventStore;
import dev.threadline.git.GitWorkspaceSnapshots;
import java.nio.file.Path;

/**
 * The application's use cases wired by hand on one store's ports, sharing one id source, one
 * clock and one subscription hub. Once wired, the projections are caught up and, when the store
 * announces other nodes' commits, those wake the subscribers. {@link #close} stops the
 * subscriptions, then the announcements, then releases the store.
 */
record UseCases(
        EventStore events,
        Transactions transactions,
        Maintenance maintenance,
        Projections projections,
        Subscriptions subscriptions,
        Commands commands,
        Queries queries,
        ReportUsage usage,
        CaptureCheckpoint capture,
        DiffCheckpoints diff,
        RestoreWorkspace restore,
        StoreLifecycle lifecycle,
        ImportEvents importing,
        AutoCloseable storage)
        implements AutoCloseable {

    /**
     * Wires the use cases on the ports; the store is released when wiring or the catch-up fails.
     *
     * @param dataDirectory where archives and checkpoint repositories are kept
     */
    static UseCases wire(Path dataDirectory, Threadline.Options options, StoragePorts storage) {
        try {
            return wireOrFail(dataDirectory, options, storage);
        } catch (RuntimeException e) {
            try {
                storage.close().close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static UseCases wireOrFail(Path dataDirectory, Threadline.Options options, StoragePorts storage) {
        EventStore events = storage.events();
        ProjectionStorage store = storage.projections();
        IdSource ids = IdSource.timeOrdered();
        Transactions transactions = store.transactions();
        Projections projections = new Projections(events, store, storage.scratch());
        Subscriptions subscriptions = new Subscriptions(events, options.pollInterval());
        Commands commands = new Commands(
                events,
                store.reads(),
                storage.receipts(),
                transactions,
                projections,
                options.clock(),
                ids,
                subscriptions::notifyCommitted);
        Queries queries = new Queries(store.reads(), store.search());
        WorkspaceSnapshots snapshots = new GitWorkspaceSnapshots(dataDirectory);
        CaptureCheckpoint capture = new CaptureCheckpoint(commands, queries, snapshots, options.clock(), ids);
        StoreLifecycle lifecycle = new StoreLifecycle(
                events,
                store.reads(),
                storage.removal(),
                transactions,
                storage.receipts(),
                projections,
                storage.maintenance(),
                new JsonArchiveFiles(dataDirectory),
                snapshots,
                options.clock(),
                ids,
                subscriptions::notifyCommitted);
        projections.catchUp();
        AutoCloseable wakeups =
                storage.wakeups() == null ? null : storage.wakeups().apply(subscriptions::notifyCommitted);
        return new UseCases(
                events,
                transactions,
                storage.maintenance(),
                projections,
                subscriptions,
                commands,
                queries,
                new ReportUsage(storage.maintenance(), queries),
                capture,
                new DiffCheckpoints(queries, snapshots),
                new RestoreWorkspace(commands, queries, snapshots, capture, options.clock()),
                lifecycle,
                new ImportEvents(events, transactions, storage.receipts()),
                () -> {
                    if (wakeups != null) {
                        wakeups.close();
                    }
                    storage.close().close();
                });
    }

    @Override
    public void close() {
        subscriptions.close();
        try {
            storage.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
