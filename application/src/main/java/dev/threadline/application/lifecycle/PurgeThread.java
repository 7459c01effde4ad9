package dev.threadline.application.lifecycle;

import dev.threadline.application.port.ArchiveFiles;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.port.ReadModels;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.workspace.WorkspaceSnapshots;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.error.ThreadlineException;
import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.ExpectedVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Removes an archived or deleted thread for good: first its events are written to an archive in
 * the export format (complete or absent, fsynced), then one transaction removes its events and
 * read-model rows and appends {@code ThreadPurged} on the store stream. Its command receipts stay.
 * Last, the names of its workspace snapshots are forgotten.
 *
 * <p>A process killed at any moment leaves the thread whole (perhaps with a complete archive
 * beside it) or purged with its archive complete; running the purge again finishes it. A thread
 * that changed between its archive and the transaction is not purged ({@link VersionConflict}),
 * so an archive always holds every event that was removed.
 *
 * <p>Thread-safe; purges wait for other writers as any write transaction does.
 */
public final class PurgeThread {

    private final EventStore events;
    private final ReadModels reads;
    private final ArchiveFiles archives;
    private final WorkspaceSnapshots snapshots;
    private final RecordedRemoval removal;
    private final LifecycleReceipts receipts;
    private final Clock clock;

    PurgeThread(
            EventStore events,
            ReadModels reads,
            ArchiveFiles archives,
            WorkspaceSnapshots snapshots,
            RecordedRemoval removal,
            LifecycleReceipts receipts,
            Clock clock) {
        this.events = events;
        this.reads = reads;
        this.archives = archives;
        this.snapshots = snapshots;
        this.removal = removal;
        this.receipts = receipts;
        this.clock = clock;
    }

    /**
     * What purging the thread would remove and where its archive would go; changes nothing.
     *
     * @throws NotFound when there is no such thread
     * @throws dev.threadline.domain.error.DomainRuleViolation when it is live or has unpurged forks
     */
    public PurgePlan plan(ThreadId thread, PurgeOptions options) {
        return plan(thread, options, clock.instant()).plan();
    }

    /**
     * Purges the thread.
     *
     * @throws NotFound when there is no such thread
     * @throws dev.threadline.domain.error.DomainRuleViolation when it is live, has unpurged forks,
     *     or the archive file exists with other content
     * @throws dev.threadline.domain.error.StorageFailure when the archive cannot be written (then
     *     nothing is removed) or the store fails
     */
    public PurgedThread purge(ThreadId thread, PurgeOptions options) {
        return purge(thread, options, null);
    }

    /**
     * Purges the thread under a command id: the receipt commits with the removal, and a retry
     * under the same id returns the first result and writes nothing (no archive either), even
     * though the thread is gone.
     *
     * @param commandId the caller's id, or null for none
     * @throws dev.threadline.domain.error.DomainRuleViolation as {@link #purge(ThreadId,
     *     PurgeOptions)}, and when the id was used for another command or for a purge with other
     *     arguments
     * @throws dev.threadline.domain.error.InvalidInput when the id is blank
     */
    public PurgedThread purge(ThreadId thread, PurgeOptions options, String commandId) {
        LifecycleReceipts.Claim claim = LifecycleReceipts.claim(
                commandId,
                LifecycleReceipts.PURGE_THREAD,
                "threadId",
                thread,
                "archiveTo",
                options.archiveTo(),
                "noArchive",
                options.noArchive());
        Optional<CommandResult> earlier = receipts.earlier(claim);
        if (earlier.isPresent()) {
            return LifecycleReceipts.purgeOf(earlier.get());
        }
        Purge done = purge(thread, options, claim, LifecycleReceipts::ofPurge);
        return done.earlier() != null ? LifecycleReceipts.purgeOf(done.earlier()) : done.purged();
    }

    /**
     * A purge done, or the result found under its command id instead.
     *
     * @param purged the purge, or null when an earlier result was found
     * @param earlier the result stored earlier under the command id, or null
     */
    record Purge(PurgedThread purged, CommandResult earlier) {}

    /**
     * Purges the thread under a claimed command id (null: none), storing with the removal the
     * receipt that {@code receipt} makes of the purge (null: none in this transaction).
     */
    Purge purge(
            ThreadId thread,
            PurgeOptions options,
            LifecycleReceipts.Claim claim,
            Function<PurgedThread, CommandResult> receipt) {
        Instant now = clock.instant();
        Planned planned = plan(thread, options, now);
        PurgePlan plan = planned.plan();
        ArchiveFiles.WrittenFile archive = archive(plan, options, planned.stream());
        String archiveSha256 = archive == null ? null : archive.sha256();
        RecordedRemoval.Removal removed = removal.removeAndRecord(
                new LogRemoval.WholeStream(thread.toString()),
                plan.events(),
                () -> {
                    ThreadView current = reads.thread(thread).orElseThrow(() -> new NotFound("thread", thread));
                    if (current.version() != planned.version()) {
                        throw new VersionConflict(
                                thread.toString(), ExpectedVersion.exactly(planned.version()), current.version());
                    }
                    return ThreadRules.purge(
                            current.state(),
                            forksOf(thread),
                            plan.events(),
                            plan.bytes(),
                            archive == null ? null : archive.file().toString(),
                            archive == null ? null : archive.sha256(),
                            now);
                },
                claim,
                event -> receipt.apply(new PurgedThread(plan, archiveSha256, event.sequence(), null)),
                RecordedRemoval.Projection.INLINE);
        if (removed.earlier() != null) {
            return new Purge(null, removed.earlier());
        }
        String problem = null;
        try {
            snapshots.deleteThread(plan.projectId(), thread);
        } catch (ThreadlineException | UnsupportedOperationException e) {
            problem = e.getMessage();
        }
        return new Purge(
                new PurgedThread(plan, archiveSha256, removed.recorded().sequence(), problem), null);
    }

    /** Writes the archive the plan names, or returns null when it names none. */
    private ArchiveFiles.WrittenFile archive(PurgePlan plan, PurgeOptions options, List<StoredEvent> stream) {
        if (plan.archive() == null) {
            return null;
        }
        if (options.archiveTo() == null) {
            archives.createDirectoryOf(plan.archive());
        }
        return archives.writeEvents(plan.archive(), stream);
    }

    private record Planned(PurgePlan plan, List<StoredEvent> stream, long version) {}

    private Planned plan(ThreadId thread, PurgeOptions options, Instant now) {
        ThreadView view = reads.thread(thread).orElseThrow(() -> new NotFound("thread", thread));
        ThreadRules.requirePurgeable(view.state(), forksOf(thread));
        List<StoredEvent> stream = events.readStream(thread.toString());
        long version = stream.isEmpty() ? -1 : stream.get(stream.size() - 1).streamVersion();
        Path archive = options.noArchive()
                ? null
                : options.archiveTo() != null ? options.archiveTo() : archives.defaultArchive(thread, now);
        PurgePlan plan =
                new PurgePlan(thread, view.projectId(), view.title(), stream.size(), archives.measure(stream), archive);
        return new Planned(plan, stream, version);
    }

    /** The threads forked from this one that are not purged. */
    List<ThreadId> forksOf(ThreadId thread) {
        return reads.threads(new ThreadFilter(null, true, true)).stream()
                .filter(t -> t.forkedFrom() != null && t.forkedFrom().parent().equals(thread))
                .map(ThreadView::id)
                .toList();
    }
}
