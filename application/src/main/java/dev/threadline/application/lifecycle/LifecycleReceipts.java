package dev.threadline.application.lifecycle;

import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.port.CommandReceipts.Receipt;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The receipts of the store's operations that are not commands (purges, sweeps, quarantines,
 * imports) run under a command id: a retry returns the first result and writes nothing, and the id
 * used again for anything else is refused. A receipt is stored in the transaction of the write that
 * completes the operation, so it exists exactly when that write does. The receipt keeps the whole
 * result as named text fields, so that a retry tells all of it after the thread or the rows are
 * gone.
 *
 * <p>Thread-safe when its ports are.
 */
public final class LifecycleReceipts {

    /** The receipt's command type of a thread purge. */
    static final String PURGE_THREAD = "PurgeThread";

    /** The receipt's command type of a retention sweep. */
    static final String RETENTION_SWEEP = "RetentionSweep";

    /** The receipt's command type of a quarantine. */
    static final String QUARANTINE_ROWS = "QuarantineRows";

    private final CommandReceipts receipts;
    private final Transactions transactions;

    /**
     * @param receipts where the receipts are stored, beside the commands' own
     * @param transactions the store's transactions
     */
    public LifecycleReceipts(CommandReceipts receipts, Transactions transactions) {
        this.receipts = receipts;
        this.transactions = transactions;
    }

    /**
     * A command id claimed for one operation with its arguments.
     *
     * @param commandId the caller's id
     * @param kind the operation's command type
     * @param fingerprint a digest of the kind and arguments
     */
    public record Claim(String commandId, String kind, String fingerprint) {}

    /**
     * The claim of an id for an operation with these arguments (name, value, name, value …); null
     * when the id is null.
     *
     * @throws InvalidInput when the id is blank
     */
    public static Claim claim(String commandId, String kind, Object... arguments) {
        if (commandId == null) {
            return null;
        }
        if (commandId.isBlank()) {
            throw new InvalidInput("a command id must not be blank; pass null to run without one");
        }
        // Each value length-prefixed and null marked apart, so two argument lists never share a text.
        StringBuilder text = new StringBuilder(kind);
        for (int i = 0; i < arguments.length; i += 2) {
            text.append('|').append(arguments[i]);
            Object value = arguments[i + 1];
            if (value == null) {
                text.append('!');
            } else {
                String field = value.toString();
                text.append('=').append(field.length()).append(':').append(field);
            }
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return new Claim(commandId, kind, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The result stored under the claim's id, if that operation ran; none for a null claim.
     *
     * @throws DomainRuleViolation when the id was used for another command, or for this one with
     *     other arguments
     */
    public Optional<CommandResult> earlier(Claim claim) {
        if (claim == null) {
            return Optional.empty();
        }
        Optional<Receipt> receipt = receipts.receipt(claim.commandId());
        if (receipt.isEmpty()) {
            return Optional.empty();
        }
        Receipt stored = receipt.get();
        if (!stored.commandType().equals(claim.kind())) {
            throw new DomainRuleViolation(
                    "command-id-unique",
                    "command id '" + claim.commandId() + "' was already used for another command ("
                            + stored.commandType() + ")");
        }
        if (!stored.fingerprint().equals(claim.fingerprint())) {
            throw new DomainRuleViolation(
                    "command-id-unique",
                    "command id '" + claim.commandId() + "' was already used for " + claim.kind()
                            + " with other arguments");
        }
        return Optional.of(stored.result());
    }

    /** Stores the claim's receipt in the open transaction. */
    public void record(Claim claim, CommandResult result) {
        receipts.record(new Receipt(claim.commandId(), claim.kind(), claim.fingerprint(), result));
    }

    /**
     * Stores the claim's receipt in a transaction of its own, for an operation that removed nothing
     * in its last transaction; the earlier result instead when the id's receipt came first.
     */
    public Optional<CommandResult> recordAlone(Claim claim, CommandResult result) {
        return transactions.inTransaction(() -> {
            Optional<CommandResult> earlier = earlier(claim);
            if (earlier.isEmpty()) {
                record(claim, result);
            }
            return earlier;
        });
    }

    /** A purge's result as a receipt keeps it. */
    static CommandResult ofPurge(PurgedThread purged) {
        Map<String, String> fields = new LinkedHashMap<>();
        putPurge(fields, "", purged);
        return new CommandResult(fields, purged.sequence(), 1);
    }

    /** The purge a receipt kept. */
    static PurgedThread purgeOf(CommandResult result) {
        return purgeOf(result.ids(), "");
    }

    /** A sweep's result as a receipt keeps it. */
    static CommandResult ofSweep(SweepResult sweep) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("purged", Integer.toString(sweep.purged().size()));
        long last = 0;
        for (int i = 0; i < sweep.purged().size(); i++) {
            PurgedThread purged = sweep.purged().get(i);
            putPurge(fields, "purged." + i + ".", purged);
            last = Math.max(last, purged.sequence());
        }
        fields.put("kept", Integer.toString(sweep.kept().size()));
        for (int i = 0; i < sweep.kept().size(); i++) {
            SweepResult.Kept kept = sweep.kept().get(i);
            fields.put("kept." + i + ".threadId", kept.threadId().toString());
            fields.put("kept." + i + ".reason", kept.reason());
        }
        return new CommandResult(fields, last, sweep.purged().size());
    }

    /** The sweep a receipt kept. */
    static SweepResult sweepOf(CommandResult result) {
        Map<String, String> fields = result.ids();
        List<PurgedThread> purged = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(fields.get("purged")); i++) {
            purged.add(purgeOf(fields, "purged." + i + "."));
        }
        List<SweepResult.Kept> kept = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(fields.get("kept")); i++) {
            kept.add(new SweepResult.Kept(
                    ThreadId.parse(fields.get("kept." + i + ".threadId")), fields.get("kept." + i + ".reason")));
        }
        return new SweepResult(purged.stream().map(PurgedThread::plan).toList(), purged, kept);
    }

    /** A quarantine's result as a receipt keeps it: of each row, its position, ids, stream and type. */
    static CommandResult ofQuarantine(Quarantined quarantined) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "file", quarantined.file());
        put(fields, "fileSha256", quarantined.fileSha256());
        fields.put("rows", Integer.toString(quarantined.rows().size()));
        for (int i = 0; i < quarantined.rows().size(); i++) {
            LogRemoval.RawRow row = quarantined.rows().get(i);
            String prefix = "rows." + i + ".";
            fields.put(prefix + "sequence", Long.toString(row.sequence()));
            put(fields, prefix + "eventId", row.eventId());
            put(fields, prefix + "streamId", row.streamId());
            fields.put(prefix + "streamVersion", Long.toString(row.streamVersion()));
            put(fields, prefix + "type", row.type());
        }
        return new CommandResult(fields, quarantined.sequence(), quarantined.file() == null ? 0 : 1);
    }

    /** The quarantine a receipt kept; its rows hold what {@link #ofQuarantine} keeps, the rest null. */
    static Quarantined quarantinedOf(CommandResult result) {
        Map<String, String> fields = result.ids();
        List<LogRemoval.RawRow> rows = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(fields.get("rows")); i++) {
            String prefix = "rows." + i + ".";
            rows.add(new LogRemoval.RawRow(
                    Long.parseLong(fields.get(prefix + "sequence")),
                    fields.get(prefix + "eventId"),
                    fields.get(prefix + "streamId"),
                    Long.parseLong(fields.get(prefix + "streamVersion")),
                    fields.get(prefix + "type"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        String file = fields.get("file");
        return new Quarantined(
                rows, file == null ? null : Path.of(file), fields.get("fileSha256"), result.lastSequence());
    }

    private static void putPurge(Map<String, String> fields, String prefix, PurgedThread purged) {
        PurgePlan plan = purged.plan();
        fields.put(prefix + "threadId", plan.threadId().toString());
        fields.put(prefix + "projectId", plan.projectId().toString());
        put(fields, prefix + "title", plan.title());
        fields.put(prefix + "events", Long.toString(plan.events()));
        fields.put(prefix + "bytes", Long.toString(plan.bytes()));
        put(fields, prefix + "archive", plan.archive());
        put(fields, prefix + "archiveSha256", purged.archiveSha256());
        fields.put(prefix + "sequence", Long.toString(purged.sequence()));
    }

    private static PurgedThread purgeOf(Map<String, String> fields, String prefix) {
        String archive = fields.get(prefix + "archive");
        PurgePlan plan = new PurgePlan(
                ThreadId.parse(fields.get(prefix + "threadId")),
                ProjectId.parse(fields.get(prefix + "projectId")),
                fields.get(prefix + "title"),
                Long.parseLong(fields.get(prefix + "events")),
                Long.parseLong(fields.get(prefix + "bytes")),
                archive == null ? null : Path.of(archive));
        return new PurgedThread(
                plan, fields.get(prefix + "archiveSha256"), Long.parseLong(fields.get(prefix + "sequence")), null);
    }

    /** Puts a value that may be absent: an absent one is left out. */
    private static void put(Map<String, String> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value.toString());
        }
    }
}
