package dev.threadline.application.lifecycle;

import dev.threadline.application.port.ArchiveFiles;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.port.ReadModels;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
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
    private final Clock clock;

    PurgeThread(
            EventStore events,
            ReadModels reads,
            ArchiveFiles archives,
            WorkspaceSnapshots snapshots,
            RecordedRemoval removal,
            Clock clock) {
        this.events = events;
        this.reads = reads;
        this.archives = archives;
        this.snapshots = snapshots;
        this.removal = removal;
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
        Instant now = clock.instant();
        Planned planned = plan(thread, options, now);
        PurgePlan plan = planned.plan();
        ArchiveFiles.WrittenFile archive = archive(plan, options, planned.stream());
        StoredEvent recorded =
                removal.removeAndRecord(new LogRemoval.WholeStream(thread.toString()), plan.events(), () -> {
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
                });
        String problem = null;
        try {
            snapshots.deleteThread(plan.projectId(), thread);
        } catch (ThreadlineException | UnsupportedOperationException e) {
            problem = e.getMessage();
        }
        return new PurgedThread(plan, archive == null ? null : archive.sha256(), recorded.sequence(), problem);
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
