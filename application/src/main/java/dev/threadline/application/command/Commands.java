package dev.threadline.application.command;

import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.port.CommandReceipts.Receipt;
import dev.threadline.application.port.IdSource;
import dev.threadline.application.port.ReadModels;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.NewEvent;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs commands: decides their events from current state, appends them, projects them and stores
 * the receipt, all in one transaction. A command retried with the same id returns its first result
 * and writes nothing.
 *
 * <p>Safe to call from many threads at once. Commands submitted together share a transaction (a
 * group commit, up to 64 commands or about 1 MiB of command text): each runs under a savepoint of
 * its own, so a refusal undoes it alone, and each caller returns only once its group has committed. A lone caller runs at once, in a transaction
 * of its own. A command run inside a transaction the calling thread already holds joins that
 * transaction instead.
 */
public final class Commands {

    private final EventStore events;
    private final ReadModels store;
    private final CommandReceipts receipts;
    private final Transactions transactions;
    private final Projections projections;
    private final Clock clock;
    private final IdSource ids;
    private final Runnable afterCommit;
    private final GroupCommit groups;

    /** The most commands one group commit holds: enough to share a commit, few enough to wait little. */
    static final int GROUP_COUNT = 64;

    /** The most command text one group commit holds, roughly, in bytes. */
    static final long GROUP_BYTES = 1 << 20;

    /**
     * @param events the log
     * @param store the read models
     * @param receipts the command receipts
     * @param transactions the storage's transactions
     * @param projections keeps the read models current
     * @param clock the time commands happen at
     * @param ids the source of new ids
     * @param afterCommit told after every transaction that committed what a command wrote (once
     *     per group commit)
     */
    public Commands(
            EventStore events,
            ReadModels store,
            CommandReceipts receipts,
            Transactions transactions,
            Projections projections,
            Clock clock,
            IdSource ids,
            Runnable afterCommit) {
        this.events = events;
        this.store = store;
        this.receipts = receipts;
        this.transactions = transactions;
        this.projections = projections;
        this.clock = clock;
        this.ids = ids;
        this.afterCommit = afterCommit;
        this.groups = new GroupCommit(transactions, this::readAhead, afterCommit, GROUP_COUNT, GROUP_BYTES);
    }

    /** Runs a command without an id (no retry protection). */
    public CommandResult execute(Command command) {
        return execute(command, null);
    }

    /**
     * Runs a command, and returns once what it wrote is committed.
     *
     * @param command what to do
     * @param commandId the caller's id for it, or null; a retry with the same id returns the first
     *     result and writes nothing, and the same id for another command is refused
     * @throws dev.threadline.domain.error.ThreadlineException when a rule, a missing thing, a
     *     conflict or the storage refuses it, or an {@link InvalidInput} when the command id is
     *     blank; nothing is written then
     */
    public CommandResult execute(Command command, String commandId) {
        if (commandId != null && commandId.isBlank()) {
            throw new InvalidInput("a command id must not be blank; pass null to run without one");
        }
        String canonical = canonical(command);
        String fingerprint = commandId == null ? null : fingerprint(canonical);
        Submitted submitted = new Submitted(command, commandId, fingerprint);
        if (transactions.insideTransaction()) {
            // Queued, it would wait for the transaction this thread holds: it joins it instead.
            Outcome outcome = transactions.inTransaction(() -> {
                readAhead(List.of(submitted));
                return submitted.run();
            });
            if (outcome.wrote()) {
                afterCommit.run();
            }
            return outcome.result();
        }
        return groups.submit(submitted, canonical.length()).result();
    }

    /** A command as its group commit runs it. */
    private final class Submitted implements GroupCommit.Work<Outcome> {
        final Command command;
        final String commandId;
        final String fingerprint;

        Submitted(Command command, String commandId, String fingerprint) {
            this.command = command;
            this.commandId = commandId;
            this.fingerprint = fingerprint;
        }

        @Override
        public Outcome run() {
            return decideAndStore(command, commandId, fingerprint);
        }

        @Override
        public boolean wrote(Outcome outcome) {
            return outcome.wrote();
        }
    }

    /**
     * Before a group runs, the storage is told what its commands will read first: their receipts
     * and the threads they act on, which a store that pays a round trip per read then reads in one.
     */
    private void readAhead(List<GroupCommit.Work<?>> group) {
        Set<String> commandIds = new LinkedHashSet<>();
        Set<ThreadId> threads = new LinkedHashSet<>();
        for (GroupCommit.Work<?> work : group) {
            if (work instanceof Submitted submitted) {
                if (submitted.commandId != null) {
                    commandIds.add(submitted.commandId);
                }
                if (submitted.command instanceof ActsOnThread onThread) {
                    threads.add(onThread.threadId());
                }
            }
        }
        if (!commandIds.isEmpty()) {
            receipts.readAhead(commandIds);
        }
        if (!threads.isEmpty()) {
            store.readThreadsAhead(threads);
        }
    }

    /**
     * The result of the command run earlier under an id, for work that must not be repeated before
     * the command (a workspace capture or restore) when the command is retried.
     *
     * @param commandId the caller's id, or null (then there is none)
     * @param kind the kind of command the caller means to run under it
     * @throws DomainRuleViolation when the id was used for a command of another kind
     */
    public Optional<CommandResult> earlierResult(String commandId, CommandKind kind) {
        if (commandId == null) {
            return Optional.empty();
        }
        Optional<Receipt> earlier = receipts.receipt(commandId);
        if (earlier.isPresent() && !earlier.get().commandType().equals(kind.kindName())) {
            throw new DomainRuleViolation(
                    "command-id-unique",
                    "command id '" + commandId + "' was already used for another command ("
                            + earlier.get().commandType() + ")");
        }
        return earlier.map(Receipt::result);
    }

    /**
     * The result of this very command run earlier under an id, for work that must not be repeated
     * before the command (a workspace restore, the capture after a turn) when it is retried.
     *
     * @param commandId the caller's id, or null (then there is none)
     * @param command the command the caller means to run under it
     * @throws DomainRuleViolation when the id was used for another command, or for one of this
     *     kind with other arguments (another thread or checkpoint)
     */
    public Optional<CommandResult> earlierResult(String commandId, Command command) {
        Optional<CommandResult> earlier = earlierResult(commandId, CommandKind.of(command));
        if (earlier.isPresent()) {
            Receipt receipt = receipts.receipt(commandId).orElseThrow();
            if (!receipt.fingerprint().equals(fingerprint(canonical(command)))) {
                throw new DomainRuleViolation(
                        "command-id-unique",
                        "command id '" + commandId + "' was already used for another command (" + receipt.commandType()
                                + ")");
            }
        }
        return earlier;
    }

    private record Outcome(CommandResult result, boolean wrote) {}

    private Outcome decideAndStore(Command command, String commandId, String fingerprint) {
        if (commandId != null) {
            Optional<Receipt> earlier = receipts.receipt(commandId);
            if (earlier.isPresent()) {
                if (!earlier.get().fingerprint().equals(fingerprint)) {
                    throw new DomainRuleViolation(
                            "command-id-unique",
                            "command id '" + commandId + "' was already used for another command ("
                                    + earlier.get().commandType() + ")");
                }
                return new Outcome(earlier.get().result(), false);
            }
        }
        projections.catchUpInTransaction();
        Decision decision = command.decide(new CommandContext(store, clock, ids));
        EventMetadata metadata = EventMetadata.ofCommand(commandId);
        List<NewEvent> batch = decision.events().stream()
                .map((Event event) -> new NewEvent(ids.eventId(), event, metadata))
                .toList();
        List<StoredEvent> stored = events.append(new AppendBatch(batch, decision.expectations()));
        projections.applyInline(stored);
        long last = stored.get(stored.size() - 1).sequence();
        CommandResult result = new CommandResult(decision.ids(), last, stored.size());
        if (commandId != null) {
            receipts.record(new Receipt(commandId, command.kind(), fingerprint, result));
        }
        return new Outcome(result, true);
    }

    /** A command class's record components, looked up once per class rather than once per command. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private static String fingerprint(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The command's kind and fields, each field length-prefixed and null marked apart, so that two
     * different commands never share a text (a record's toString does not tell the prompt "null"
     * from no prompt, nor a comma inside a field from the one between fields).
     */
    private static String canonical(Command command) {
        StringBuilder text = new StringBuilder(command.kind());
        for (RecordComponent component : COMPONENTS.get(command.getClass())) {
            Object value;
            try {
                value = component.getAccessor().invoke(command);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a command's fields are public record components", e);
            }
            text.append('|').append(component.getName());
            if (value == null) {
                text.append('!');
            } else {
                String field = value.toString();
                text.append('=').append(field.length()).append(':').append(field);
            }
        }
        return text.toString();
    }
}
