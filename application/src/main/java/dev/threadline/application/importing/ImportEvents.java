package dev.threadline.application.importing;

import dev.threadline.application.lifecycle.LifecycleReceipts;
import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.EventsQuarantined;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.ExpectedVersion;
import dev.threadline.domain.store.NewEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Imports the events of an export into a store, keeping their ids, streams and stream versions;
 * the store assigns new sequences after its last.
 *
 * <ul>
 *   <li>The whole input is read and decoded before anything is written, so a malformed line, or
 *       lines out of order (a sequence not after the previous line's, a stream's version not
 *       after its previous line's), import nothing.
 *   <li>Each stream's versions continue the stored ones without a gap, but for the rows that the
 *       input's own quarantines ({@code EventsQuarantined}) removed: a stream may skip as many
 *       versions in all as those removed rows.
 *   <li>An event stored already at its version with the same id and content is skipped; with
 *       another id or content the import stops with a {@link DomainRuleViolation}.
 *   <li>Records are appended in atomic batches, so a failure leaves whole batches stored, and
 *       running the same import again completes it with nothing duplicated.
 *   <li>Under a command id, the receipt commits with the last batch (alone when that batch holds
 *       nothing new): a retry with the same input returns the first summary and writes nothing;
 *       the id given another input, or used by another command, is refused.
 * </ul>
 *
 * <p>Not thread-safe: one import runs on one thread; the store serialises it with other writers,
 * whose appends to the same streams fail a batch with a version conflict.
 */
public final class ImportEvents {

    /** Records appended per atomic batch. */
    public static final int BATCH = 1_000;

    /** The rule that a record at a stored version must be the stored event. */
    public static final String MATCHES_STORED_EVENT = "import-matches-stored-event";

    /** The receipt's command type of an import. */
    static final String IMPORT_EVENTS = "ImportEvents";

    private final EventStore events;
    private final Transactions transactions;
    private final LifecycleReceipts receipts;
    private final int batchSize;

    /**
     * An import into this store, in batches of {@link #BATCH}.
     *
     * @param events the event log
     * @param transactions the store's transactions, in which the last batch commits with a receipt
     * @param receipts the store's command receipts
     */
    public ImportEvents(EventStore events, Transactions transactions, CommandReceipts receipts) {
        this(events, transactions, receipts, BATCH);
    }

    /** An import into this store, in batches of the given size. */
    public ImportEvents(EventStore events, Transactions transactions, CommandReceipts receipts, int batchSize) {
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.receipts = new LifecycleReceipts(Objects.requireNonNull(receipts, "receipts"), transactions);
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds 1 record or more, not " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** Imports the records in their order, without a command id. */
    public ImportSummary run(ImportSource source, LongConsumer progress) {
        return run(source, progress, null);
    }

    /**
     * Imports the records in their order, under a command id.
     *
     * @param source the export's records; an exception a pass throws stops the import after the
     *     batches already appended
     * @param progress told the number of records handled so far after each batch
     * @param commandId the caller's id, or null for none
     * @throws InvalidInput naming both lines when two are out of order (then nothing is written);
     *     "line N is malformed: …" when a stream's versions leave a gap; when the command id is
     *     blank
     * @throws DomainRuleViolation when a record conflicts with a stored event, or the command id
     *     was used for another command or another input
     */
    public ImportSummary run(ImportSource source, LongConsumer progress, String commandId) {
        if (commandId != null && commandId.isBlank()) {
            throw new InvalidInput("a command id must not be blank; pass null to run without one");
        }
        Checked checked;
        try (ImportSource.Pass pass = source.open()) {
            checked = check(pass);
        }
        long total = checked.records();
        GapAllowance gaps = new GapAllowance(checked.quarantinedRows());
        LifecycleReceipts.Claim claim =
                LifecycleReceipts.claim(commandId, IMPORT_EVENTS, "sha256", commandId == null ? null : source.sha256());
        Optional<CommandResult> earlier = receipts.earlier(claim);
        if (earlier.isPresent()) {
            return summaryOf(earlier.get());
        }
        Map<String, StreamState> streams = new HashMap<>();
        List<ImportRecord> batch = new ArrayList<>(batchSize);
        long imported = 0;
        long handled = 0;
        try (ImportSource.Pass records = source.open()) {
            while (records.hasNext()) {
                batch.add(records.next());
                boolean last = !records.hasNext();
                if (batch.size() == batchSize || last) {
                    handled += batch.size();
                    if (last && claim != null) {
                        long before = imported;
                        long done = handled;
                        return finish(claim, streams, batch, gaps, before, done, progress);
                    }
                    imported += store(streams, batch, gaps);
                    batch.clear();
                    progress.accept(handled);
                }
            }
        }
        if (claim != null) {
            // An empty input: the receipt stands alone.
            return finish(claim, streams, batch, gaps, 0, 0, progress);
        }
        return new ImportSummary(imported, total - imported, events.lastSequence());
    }

    /**
     * Reads a whole pass, decoding every line and checking the lines' order: sequences rise, and
     * so does each stream's version.
     */
    private static Checked check(ImportSource.Pass pass) {
        long count = 0;
        long quarantined = 0;
        long previousLine = 0;
        long previousSequence = 0;
        // Of each stream, its last line and version only: a line's event may be large.
        Map<String, long[]> lastOfStream = new HashMap<>();
        while (pass.hasNext()) {
            ImportRecord record = pass.next();
            if (record.sequence() > 0) {
                if (previousSequence > 0 && record.sequence() <= previousSequence) {
                    throw new InvalidInput("line " + record.line() + " has sequence " + record.sequence()
                            + ", not after line " + previousLine + "'s " + previousSequence);
                }
                previousLine = record.line();
                previousSequence = record.sequence();
            }
            long[] before = lastOfStream.put(record.streamId(), new long[] {record.line(), record.streamVersion()});
            if (before != null && record.streamVersion() <= before[1]) {
                throw new InvalidInput(
                        record.streamVersion() == before[1]
                                ? "line " + record.line() + " repeats version " + record.streamVersion() + " of stream "
                                        + record.streamId() + ", given on line " + before[0]
                                : "line " + record.line() + " has version " + record.streamVersion()
                                        + " of stream " + record.streamId() + ", not after line " + before[0] + "'s "
                                        + before[1]);
            }
            if (record.event().event() instanceof EventsQuarantined removed) {
                quarantined += removed.sequences().size();
            }
            count++;
        }
        return new Checked(count, quarantined);
    }

    /**
     * What a first pass found.
     *
     * @param records how many records the input holds
     * @param quarantinedRows how many rows the input's quarantine events removed
     */
    private record Checked(long records, long quarantinedRows) {}

    /** Stores the last batch with the claim's receipt, or finds the receipt stored meanwhile. */
    private ImportSummary finish(
            LifecycleReceipts.Claim claim,
            Map<String, StreamState> streams,
            List<ImportRecord> batch,
            GapAllowance gaps,
            long importedBefore,
            long handled,
            LongConsumer progress) {
        ImportSummary summary = transactions.inTransaction(() -> {
            Optional<CommandResult> earlier = receipts.earlier(claim);
            if (earlier.isPresent()) {
                return summaryOf(earlier.get());
            }
            long imported = importedBefore + (batch.isEmpty() ? 0 : store(streams, batch, gaps));
            ImportSummary done = new ImportSummary(imported, handled - imported, events.lastSequence());
            receipts.record(claim, resultOf(done));
            return done;
        });
        if (!batch.isEmpty()) {
            progress.accept(handled);
        }
        return summary;
    }

    private static CommandResult resultOf(ImportSummary summary) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("imported", Long.toString(summary.imported()));
        fields.put("skipped", Long.toString(summary.skipped()));
        return new CommandResult(fields, summary.lastSequence(), (int) Math.min(Integer.MAX_VALUE, summary.imported()));
    }

    private static ImportSummary summaryOf(CommandResult result) {
        return new ImportSummary(
                Long.parseLong(result.ids().get("imported")),
                Long.parseLong(result.ids().get("skipped")),
                result.lastSequence());
    }

    /**
     * Appends a batch's new events atomically; returns how many were new. A stream's versions may
     * skip past rows the input's quarantines removed: the event after such a gap starts an append
     * of its own, in the same transaction.
     */
    private int store(Map<String, StreamState> streams, List<ImportRecord> batch, GapAllowance gaps) {
        List<AppendBatch> appends = new ArrayList<>();
        List<NewEvent> fresh = new ArrayList<>();
        Map<String, ExpectedVersion> expectations = new LinkedHashMap<>();
        Map<String, Long> firstVersions = new HashMap<>();
        Map<String, Long> planned = new HashMap<>();
        int count = 0;
        for (ImportRecord record : batch) {
            String streamId = record.streamId();
            StreamState stream = streams.computeIfAbsent(streamId, this::load);
            long current = planned.getOrDefault(streamId, stream.version);
            long version = record.streamVersion();
            if (version <= current) {
                StoredEvent stored = stream.stored.get(version);
                if (stored == null) {
                    throw malformed(record, "it repeats version " + version + " of stream " + streamId);
                }
                if (!stored.eventId().equals(record.event().eventId())
                        || !stored.event().equals(record.event().event())) {
                    throw new DomainRuleViolation(
                            MATCHES_STORED_EVENT,
                            "line " + record.line() + " conflicts with the stored event " + stored.eventId()
                                    + " at version " + version + ": stream " + streamId
                                    + " exists in this store with other events, and an import never writes over them");
                }
                continue;
            }
            if (version != current + 1) {
                long skipped = version - current - 1;
                if (skipped > gaps.rows) {
                    throw malformed(
                            record,
                            (current < 0
                                            ? "stream " + streamId + " has no events here, so its first is version 0,"
                                                    + " not " + version
                                            : "stream " + streamId + " is at version " + current + ", so the next is "
                                                    + (current + 1) + ", not " + version)
                                    + ", and no quarantine the input records accounts for the gap");
                }
                gaps.rows -= skipped;
                if (planned.containsKey(streamId)) {
                    // Only a stream's first event in an append may skip: the rest goes in an append of its own.
                    appends.add(new AppendBatch(fresh, expectations, firstVersions));
                    fresh = new ArrayList<>();
                    expectations = new LinkedHashMap<>();
                    firstVersions = new HashMap<>();
                }
                firstVersions.put(streamId, version);
            }
            expectations.putIfAbsent(
                    streamId, current < 0 ? ExpectedVersion.NO_STREAM : ExpectedVersion.exactly(current));
            planned.put(streamId, version);
            fresh.add(record.event());
            count++;
        }
        if (count == 0) {
            return 0;
        }
        appends.add(new AppendBatch(fresh, expectations, firstVersions));
        if (appends.size() == 1) {
            events.append(appends.get(0));
        } else {
            transactions.inTransaction(() -> {
                appends.forEach(events::append);
                return null;
            });
        }
        planned.forEach((streamId, version) -> streams.get(streamId).version = version);
        return count;
    }

    /**
     * How many versions the input's streams may still skip: the rows its quarantines removed.
     * Counted, not matched by sequence, because an export of a store that was itself imported
     * numbers its events anew while its quarantine events keep the sequences they were given.
     */
    private static final class GapAllowance {
        long rows;

        GapAllowance(long rows) {
            this.rows = rows;
        }
    }

    private static InvalidInput malformed(ImportRecord record, String reason) {
        return new InvalidInput("line " + record.line() + " is malformed: " + reason);
    }

    /** What the store held of one stream before the import: its last version and its events. */
    private StreamState load(String streamId) {
        StreamState state = new StreamState();
        for (StoredEvent event : events.readStream(streamId)) {
            state.stored.put(event.streamVersion(), event);
            state.version = Math.max(state.version, event.streamVersion());
        }
        return state;
    }

    private static final class StreamState {
        long version = -1;
        final Map<Long, StoredEvent> stored = new HashMap<>();
    }
}
