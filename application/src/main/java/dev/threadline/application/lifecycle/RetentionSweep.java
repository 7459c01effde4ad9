package dev.threadline.application.lifecycle;

import dev.threadline.application.port.ReadModels;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.id.ThreadId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final LifecycleReceipts receipts;

    RetentionSweep(ReadModels reads, PurgeThread purge, LifecycleReceipts receipts) {
        this.reads = reads;
        this.purge = purge;
        this.receipts = receipts;
    }

    /**
     * Sweeps, or on a dry run only plans.
     *
     * @param progress told the number of threads handled so far, after each
     */
    public SweepResult sweep(RetentionPolicy policy, boolean noArchive, boolean dryRun, IntConsumer progress) {
        return sweep(policy, noArchive, dryRun, progress, null);
    }

    /**
     * Sweeps under a command id, or on a dry run only plans (a dry run reads and stores no
     * receipt). The receipt commits with the sweep's last purge, or in a transaction of its own
     * when that purge was refused or nothing was selected; a retry under the same id returns the
     * first result and writes nothing. A sweep killed before its receipt leaves the purges it
     * finished: a retry purges the rest and records that.
     *
     * @param policy the threads to purge; its {@link RetentionPolicy#asGiven()} is what a retry
     *     must match
     * @param commandId the caller's id, or null for none
     * @param progress told the number of threads handled so far, after each
     * @throws DomainRuleViolation when the id was used for another command or for a sweep with
     *     other arguments
     * @throws dev.threadline.domain.error.InvalidInput when the id is blank
     */
    public SweepResult sweep(
            RetentionPolicy policy, boolean noArchive, boolean dryRun, IntConsumer progress, String commandId) {
        LifecycleReceipts.Claim claim = dryRun
                ? null
                : LifecycleReceipts.claim(
                        commandId,
                        LifecycleReceipts.RETENTION_SWEEP,
                        "policy",
                        policy.asGiven(),
                        "noArchive",
                        noArchive);
        Optional<CommandResult> earlier = receipts.earlier(claim);
        if (earlier.isPresent()) {
            return LifecycleReceipts.sweepOf(earlier.get());
        }
        List<ThreadView> selected = selected(policy);
        PurgeOptions options = noArchive ? PurgeOptions.withoutArchive() : PurgeOptions.defaults();
        List<PurgePlan> planned = new ArrayList<>();
        List<PurgedThread> purged = new ArrayList<>();
        List<SweepResult.Kept> kept = new ArrayList<>();
        boolean recorded = false;
        int done = 0;
        for (ThreadView thread : selected) {
            boolean last = done == selected.size() - 1;
            try {
                if (dryRun) {
                    planned.add(purge.plan(thread.id(), options));
                } else {
                    PurgeThread.Purge result = purge.purge(
                            thread.id(),
                            options,
                            claim,
                            last
                                    ? lastPurge -> LifecycleReceipts.ofSweep(with(planned, purged, kept, lastPurge))
                                    : lastPurge -> null);
                    if (result.earlier() != null) {
                        return LifecycleReceipts.sweepOf(result.earlier());
                    }
                    planned.add(result.purged().plan());
                    purged.add(result.purged());
                    recorded = last && claim != null;
                }
            } catch (DomainRuleViolation | NotFound | VersionConflict e) {
                kept.add(new SweepResult.Kept(thread.id(), e.getMessage()));
            }
            progress.accept(++done);
        }
        SweepResult result = new SweepResult(planned, purged, kept);
        if (claim != null && !recorded) {
            Optional<CommandResult> first = receipts.recordAlone(claim, LifecycleReceipts.ofSweep(result));
            if (first.isPresent()) {
                return LifecycleReceipts.sweepOf(first.get());
            }
        }
        return result;
    }

    /** The sweep's result once this last purge is done too. */
    private static SweepResult with(
            List<PurgePlan> planned, List<PurgedThread> purged, List<SweepResult.Kept> kept, PurgedThread last) {
        List<PurgePlan> plans = new ArrayList<>(planned);
        plans.add(last.plan());
        List<PurgedThread> all = new ArrayList<>(purged);
        all.add(last);
        return new SweepResult(plans, all, kept);
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
