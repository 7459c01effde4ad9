package dev.threadline.application.lifecycle;

import dev.threadline.application.port.Maintenance;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.store.EventStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The rebuild of the read models and the compaction of the store, each under an optional command
 * id: a retry under it returns the first result and does not run again, and the id used by
 * another command is refused.
 *
 * <ul>
 *   <li>A rebuild's receipt commits in the rebuild's own transaction.
 *   <li>A compaction cannot run inside a transaction (SQLite's {@code VACUUM} refuses to), so its
 *       receipt is stored alone right after it: a crash in between leaves no receipt, and the
 *       retry compacts again, which changes nothing a reader sees.
 * </ul>
 *
 * <p>Thread-safe when its ports are.
 */
public final class StoreUpkeep {

    /** The receipt's command type of a rebuild. */
    static final String REBUILD_PROJECTIONS = "RebuildProjections";

    /** The receipt's command type of a compaction. */
    static final String COMPACT = "Compact";

    private final EventStore events;
    private final Transactions transactions;
    private final Projections projections;
    private final Maintenance maintenance;
    private final LifecycleReceipts receipts;

    StoreUpkeep(
            EventStore events,
            Transactions transactions,
            Projections projections,
            Maintenance maintenance,
            LifecycleReceipts receipts) {
        this.events = events;
        this.transactions = transactions;
        this.projections = projections;
        this.maintenance = maintenance;
        this.receipts = receipts;
    }

    /**
     * What a rebuild did.
     *
     * @param applied how many events it projected
     * @param lastSequence the log's last sequence when it committed
     */
    public record Rebuilt(long applied, long lastSequence) {}

    /**
     * Empties the read models and projects the whole log again, in one transaction.
     *
     * @param progress told the sequence reached every thousand events
     * @param commandId the caller's id, or null for none
     * @throws dev.threadline.domain.error.DomainRuleViolation when the id was used for another
     *     command
     * @throws dev.threadline.domain.error.InvalidInput when the id is blank
     */
    public Rebuilt rebuild(LongConsumer progress, String commandId) {
        LifecycleReceipts.Claim claim = LifecycleReceipts.claim(commandId, REBUILD_PROJECTIONS);
        Optional<CommandResult> earlier = receipts.earlier(claim);
        if (earlier.isPresent()) {
            return rebuiltOf(earlier.get());
        }
        return transactions.inTransaction(() -> {
            Optional<CommandResult> meanwhile = receipts.earlier(claim);
            if (meanwhile.isPresent()) {
                return rebuiltOf(meanwhile.get());
            }
            Rebuilt rebuilt = new Rebuilt(projections.rebuild(progress), events.lastSequence());
            if (claim != null) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("applied", Long.toString(rebuilt.applied()));
                receipts.record(claim, new CommandResult(fields, rebuilt.lastSequence(), 0));
            }
            return rebuilt;
        });
    }

    /**
     * Gives back the store's free space, waiting for other writers; not inside a transaction.
     *
     * @param commandId the caller's id, or null for none
     * @return the store's size before and after (the first compaction's, on a retry)
     * @throws dev.threadline.domain.error.DomainRuleViolation when the id was used for another
     *     command
     * @throws dev.threadline.domain.error.InvalidInput when the id is blank
     */
    public Maintenance.Compaction compact(String commandId) {
        LifecycleReceipts.Claim claim = LifecycleReceipts.claim(commandId, COMPACT);
        Optional<CommandResult> earlier = receipts.earlier(claim);
        if (earlier.isPresent()) {
            return compactionOf(earlier.get());
        }
        Maintenance.Compaction compaction = maintenance.compact();
        if (claim == null) {
            return compaction;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bytesBefore", Long.toString(compaction.before()));
        fields.put("bytesAfter", Long.toString(compaction.after()));
        return receipts.recordAlone(claim, new CommandResult(fields, events.lastSequence(), 0))
                .map(StoreUpkeep::compactionOf)
                .orElse(compaction);
    }

    private static Rebuilt rebuiltOf(CommandResult result) {
        return new Rebuilt(Long.parseLong(result.ids().get("applied")), result.lastSequence());
    }

    private static Maintenance.Compaction compactionOf(CommandResult result) {
        return new Maintenance.Compaction(
                Long.parseLong(result.ids().get("bytesBefore")),
                Long.parseLong(result.ids().get("bytesAfter")));
    }
}
