package dev.threadline.application.lifecycle;

import dev.threadline.application.port.ReadModels;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.id.ThreadId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The retention sweep: purges every thread a {@link RetentionPolicy} selects, each as {@link
 * PurgeThread} does (its archive first, then one transaction of its own). It runs only when asked;
 * nothing is removed on a timer.
 *
 * <p>Forks are taken before the threads they were forked from, so a parent whose forks are all
 * selected goes too; a thread refused by a rule (a fork that is kept, a change since it was
 * selected) is kept and reported, and the sweep goes on. A sweep killed at any moment leaves
 * every thread whole or purged with its archive; running it again finishes it.
 */
public final class RetentionSweep {

    private final ReadModels reads;
    private final PurgeThread purge;

    RetentionSweep(ReadModels reads, PurgeThread purge) {
        this.reads = reads;
        this.purge = purge;
    }

    /**
     * Sweeps, or on a dry run only plans.
     *
     * @param progress told the number of threads handled so far, after each
     */
    public SweepResult sweep(RetentionPolicy policy, boolean noArchive, boolean dryRun, IntConsumer progress) {
        List<ThreadView> selected = selected(policy);
        PurgeOptions options = noArchive ? PurgeOptions.withoutArchive() : PurgeOptions.defaults();
        List<PurgePlan> planned = new ArrayList<>();
        List<PurgedThread> purged = new ArrayList<>();
        List<SweepResult.Kept> kept = new ArrayList<>();
        int done = 0;
        for (ThreadView thread : selected) {
            try {
                if (dryRun) {
                    planned.add(purge.plan(thread.id(), options));
                } else {
                    PurgedThread result = purge.purge(thread.id(), options);
                    planned.add(result.plan());
                    purged.add(result);
                }
            } catch (DomainRuleViolation | NotFound | VersionConflict e) {
                kept.add(new SweepResult.Kept(thread.id(), e.getMessage()));
            }
            progress.accept(++done);
        }
        return new SweepResult(planned, purged, kept);
    }

    /** How many threads the policy selects now. */
    public int count(RetentionPolicy policy) {
        return selected(policy).size();
    }

    /** The selected threads, forks before their parents, then oldest first. */
    private List<ThreadView> selected(RetentionPolicy policy) {
        List<ThreadView> all = reads.threads(new ThreadFilter(null, true, true));
        Map<ThreadId, ThreadView> byId = new HashMap<>();
        all.forEach(t -> byId.put(t.id(), t));
        return all.stream()
                .filter(policy::selects)
                .sorted(Comparator.comparingInt((ThreadView t) -> -depth(t, byId))
                        .thenComparing(ThreadView::lastActivityAt)
                        .thenComparing(t -> t.id().toString()))
                .toList();
    }

    /** How many forks deep a thread is: 0 for a thread created afresh. */
    private static int depth(ThreadView thread, Map<ThreadId, ThreadView> byId) {
        int depth = 0;
        ThreadView current = thread;
        while (current != null && current.forkedFrom() != null && depth < byId.size()) {
            depth++;
            current = byId.get(current.forkedFrom().parent());
        }
        return depth;
    }
}
