package dev.threadline.application.lifecycle;

import dev.threadline.application.port.ArchiveFiles;
import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.port.IdSource;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.port.Maintenance;
import dev.threadline.application.port.ReadModels;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.workspace.WorkspaceSnapshots;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.store.EventStore;
import java.time.Clock;

/**
 * The store's lifecycle use cases on one store, sharing one removal path: {@link #purge()} of a
 * thread, the retention {@link #sweep()}, and the {@link #quarantine()} of undecodable rows. Each
 * takes an optional command id, as commands do: a retry under it returns the first result and
 * writes nothing. The {@link #upkeep()} of the store (rebuild, compaction) takes one too.
 */
public final class StoreLifecycle {

    private final PurgeThread purge;
    private final RetentionSweep sweep;
    private final QuarantineRows quarantine;
    private final StoreUpkeep upkeep;
    private final EventStore events;

    /**
     * @param events the event log
     * @param reads the read models
     * @param removal the log's removal port
     * @param transactions the store's transactions
     * @param receipts the command receipts, stored with the removal that completes an operation
     *     run under a command id
     * @param projections the projections, applied inline with each removal
     * @param maintenance the store's care, for its compaction
     * @param files where archives and quarantine files are written
     * @param snapshots the workspace snapshots whose names a purged thread loses
     * @param clock the time of the store events
     * @param ids the source of event ids
     * @param afterCommit run after each removal commits (wakes subscribers)
     */
    public StoreLifecycle(
            EventStore events,
            ReadModels reads,
            LogRemoval removal,
            Transactions transactions,
            CommandReceipts receipts,
            Projections projections,
            Maintenance maintenance,
            ArchiveFiles files,
            WorkspaceSnapshots snapshots,
            Clock clock,
            IdSource ids,
            Runnable afterCommit) {
        this.events = events;
        LifecycleReceipts lifecycleReceipts = new LifecycleReceipts(receipts, transactions);
        RecordedRemoval recorded =
                new RecordedRemoval(events, removal, transactions, projections, ids, lifecycleReceipts, afterCommit);
        this.purge = new PurgeThread(events, reads, files, snapshots, recorded, lifecycleReceipts, clock);
        this.sweep = new RetentionSweep(reads, purge, lifecycleReceipts);
        this.quarantine = new QuarantineRows(removal, files, recorded, lifecycleReceipts, clock);
        this.upkeep = new StoreUpkeep(events, transactions, projections, maintenance, lifecycleReceipts);
    }

    /** Purges single threads. */
    public PurgeThread purge() {
        return purge;
    }

    /** The retention sweep. */
    public RetentionSweep sweep() {
        return sweep;
    }

    /** What purges and quarantines have removed from the log so far. */
    public Removals removals() {
        return Removals.of(events.readStream(Event.STORE_STREAM));
    }

    /** The rebuild of the read models and the compaction of the store. */
    public StoreUpkeep upkeep() {
        return upkeep;
    }

    /** The quarantine of rows that cannot be decoded. */
    public QuarantineRows quarantine() {
        return quarantine;
    }
}
