package dev.threadline.application.lifecycle;

import dev.threadline.domain.id.ThreadId;
import java.util.List;

/**
 * What a retention sweep did, or would do on a dry run.
 *
 * @param planned every selected thread's plan, in the order the sweep takes them
 * @param purged the purges done (empty on a dry run)
 * @param kept the selected threads that were not purged, and why
 */
public record SweepResult(List<PurgePlan> planned, List<PurgedThread> purged, List<Kept> kept) {

    /** Copies the lists. */
    public SweepResult {
        planned = List.copyOf(planned);
        purged = List.copyOf(purged);
        kept = List.copyOf(kept);
    }

    /** How many events went (or would go, on a dry run). */
    public long events() {
        return purged.isEmpty()
                ? planned.stream().mapToLong(PurgePlan::events).sum()
                : purged.stream().mapToLong(p -> p.plan().events()).sum();
    }

    /** Their size in the export format. */
    public long bytes() {
        return purged.isEmpty()
                ? planned.stream().mapToLong(PurgePlan::bytes).sum()
                : purged.stream().mapToLong(p -> p.plan().bytes()).sum();
    }

    /**
     * A selected thread the sweep left in place.
     *
     * @param threadId the thread
     * @param reason why, as one sentence
     */
    public record Kept(ThreadId threadId, String reason) {}
}
