package dev.threadline.application.port;

import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.application.search.SearchDocument;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnStatus;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.AppendRetry;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.ExpectedVersion;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.domain.store.UndecodableEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every storage port kept in memory, for application tests: one state, copied when a transaction
 * begins (and a savepoint) and put back when it fails, so a rollback leaves nothing behind. One
 * lock serialises the writers; work inside a transaction joins it.
 */
public final class InMemoryStorage
        implements EventStore,
                ReadModels,
                ProjectionWriter,
                ProjectorPositions,
                ReadModelRows,
                Transactions,
                CommandReceipts,
                Maintenance,
                SearchIndex,
                LogRemoval {

    /** Everything stored; copied whole at the start of a transaction. */
    private static final class State {
        final List<StoredEvent> log = new ArrayList<>();
        final TreeMap<String, ProjectView> projects = new TreeMap<>();
        final TreeMap<String, ThreadView> threads = new TreeMap<>();
        final TreeMap<String, TurnView> turns = new TreeMap<>();
        final TreeMap<String, MessageView> messages = new TreeMap<>();
        final TreeMap<String, CheckpointView> checkpoints = new TreeMap<>();
        final TreeMap<String, SettingView> settings = new TreeMap<>();
        final TreeMap<String, SearchDocument> documents = new TreeMap<>();
        final Map<String, Long> positions = new HashMap<>();
        final Map<String, Receipt> receipts = new HashMap<>();
        final List<RawRow> undecodable = new ArrayList<>();
        /** The highest sequence ever used, so that none is reused after a removal. */
        long ceiling;

        State copy() {
            State copy = new State();
            copy.undecodable.addAll(undecodable);
            copy.ceiling = ceiling;
            copy.log.addAll(log);
            copy.projects.putAll(projects);
            copy.threads.putAll(threads);
            copy.turns.putAll(turns);
            copy.messages.putAll(messages);
            copy.checkpoints.putAll(checkpoints);
            copy.settings.putAll(settings);
            copy.documents.putAll(documents);
            copy.positions.putAll(positions);
            copy.receipts.putAll(receipts);
            return copy;
        }
    }

    private final Clock clock;
    private final ReentrantLock writer = new ReentrantLock();
    private State state = new State();
    private int depth;

    /** @param clock the source of {@code recordedAt} */
    public InMemoryStorage(Clock clock) {
        this.clock = clock;
    }

    /** With the system clock. */
    public InMemoryStorage() {
        this(Clock.systemUTC());
    }

    /** These ports as one read-model store. */
    public ProjectionStorage projectionStorage() {
        return new ProjectionStorage(this, this, this, this, this, this);
    }

    /** Scratch stores of this kind. */
    public static ScratchSpace scratchSpace() {
        return () -> {
            InMemoryStorage scratch = new InMemoryStorage();
            return new ScratchSpace.ScratchStore() {
                @Override
                public ProjectionStorage storage() {
                    return scratch.projectionStorage();
                }

                @Override
                public void close() {}
            };
        };
    }

    // Transactions

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        writer.lock();
        try {
            if (depth > 0) {
                depth++;
                try {
                    return work.get();
                } finally {
                    depth--;
                }
            }
            State before = state.copy();
            depth = 1;
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                state = before;
                throw e;
            } finally {
                depth = 0;
            }
        } finally {
            writer.unlock();
        }
    }

    @Override
    public <T> T inSavepoint(Supplier<T> work) {
        return inTransaction(() -> {
            State before = state.copy();
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                state = before;
                throw e;
            }
        });
    }

    @Override
    public boolean insideTransaction() {
        return writer.isHeldByCurrentThread() && depth > 0;
    }

    private <T> T locked(Supplier<T> work) {
        writer.lock();
        try {
            return work.get();
        } finally {
            writer.unlock();
        }
    }

    private void write(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    // EventStore

    @Override
    public List<StoredEvent> append(AppendBatch batch) {
        return inTransaction(() -> {
            Map<EventId, Optional<StoredEvent>> found = new HashMap<>();
            for (StoredEvent stored : state.log) {
                for (NewEvent event : batch.events()) {
                    if (stored.eventId().equals(event.eventId())) {
                        found.put(event.eventId(), Optional.of(stored));
                    }
                }
            }
            if (AppendRetry.judge(batch, found) instanceof AppendRetry.Retry retry) {
                return retry.stored();
            }
            Map<String, Long> versions = new HashMap<>();
            for (Map.Entry<String, ExpectedVersion> expectation :
                    batch.expectations().entrySet()) {
                long current = version(expectation.getKey());
                if (!expectation.getValue().isMetBy(current)) {
                    throw new VersionConflict(expectation.getKey(), expectation.getValue(), current);
                }
            }
            batch.skipToFirstVersions(versions, this::version);
            long sequence = state.ceiling;
            Instant recorded = clock.instant();
            List<StoredEvent> stored = new ArrayList<>();
            for (NewEvent event : batch.events()) {
                String stream = event.event().streamId();
                long version = versions.computeIfAbsent(stream, this::version) + 1;
                versions.put(stream, version);
                stored.add(event.storedAt(++sequence, version, recorded));
            }
            state.log.addAll(stored);
            state.ceiling = sequence;
            return List.copyOf(stored);
        });
    }

    private long version(String stream) {
        long version = -1;
        for (StoredEvent event : state.log) {
            if (event.streamId().equals(stream)) {
                version = event.streamVersion();
            }
        }
        return version;
    }

    @Override
    public Stream<StoredEvent> replayFrom(long afterSequence) {
        return locked(() -> List.copyOf(state.log)).stream().filter(e -> e.sequence() > afterSequence);
    }

    @Override
    public List<StoredEvent> readStream(String streamId) {
        return locked(() ->
                state.log.stream().filter(e -> e.streamId().equals(streamId)).toList());
    }

    @Override
    public long lastSequence() {
        return locked(() -> Math.max(
                state.log.isEmpty() ? 0L : state.log.get(state.log.size() - 1).sequence(),
                state.undecodable.isEmpty()
                        ? 0L
                        : state.undecodable.get(state.undecodable.size() - 1).sequence()));
    }

    @Override
    public List<UndecodableEvent> undecodableEvents() {
        return locked(() -> state.undecodable.stream()
                .map(row -> new UndecodableEvent(row.sequence(), row.type(), "planted by a test"))
                .toList());
    }

    /**
     * Stores a row that cannot be decoded at the next sequence, as a damaged row of a real store.
     *
     * @return its sequence
     */
    public long plantUndecodable(String streamId, String type, String payload) {
        return inTransaction(() -> {
            long sequence = ++state.ceiling;
            state.undecodable.add(new RawRow(
                    sequence,
                    EventId.next().toString(),
                    streamId,
                    0,
                    type,
                    AT_PLANTED,
                    AT_PLANTED,
                    null,
                    null,
                    null,
                    payload));
            return sequence;
        });
    }

    private static final String AT_PLANTED = "2026-11-23T21:00:00Z";

    // LogRemoval

    @Override
    public long remove(Selection selection) {
        if (!insideTransaction()) {
            throw new IllegalStateException("events are removed only inside a transaction");
        }
        int before = state.log.size() + state.undecodable.size();
        if (selection instanceof WholeStream whole) {
            state.log.removeIf(e -> e.streamId().equals(whole.streamId()));
            state.undecodable.removeIf(r -> r.streamId().equals(whole.streamId()));
        } else {
            java.util.Set<Long> gone = new java.util.HashSet<>(((AtSequences) selection).sequences());
            state.log.removeIf(e -> gone.contains(e.sequence()));
            state.undecodable.removeIf(r -> gone.contains(r.sequence()));
        }
        return before - state.log.size() - state.undecodable.size();
    }

    @Override
    public List<RawRow> undecodableRows() {
        return locked(() -> List.copyOf(state.undecodable));
    }

    // ReadModels

    /** A table's rows passing the filter, in creation order, ties by id. */
    private <V> List<V> listed(
            Function<State, Map<String, V>> table,
            Function<V, Instant> created,
            java.util.function.Predicate<V> filter) {
        return locked(() -> table.apply(state).entrySet().stream()
                .filter(entry -> filter.test(entry.getValue()))
                .sorted(Comparator.comparing((Map.Entry<String, V> entry) -> created.apply(entry.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getValue)
                .toList());
    }

    @Override
    public Optional<ProjectView> project(ProjectId id) {
        return locked(() -> Optional.ofNullable(state.projects.get(id.toString())));
    }

    @Override
    public List<ProjectView> projects(boolean includeDeleted) {
        return listed(s -> s.projects, ProjectView::createdAt, p -> includeDeleted || !p.deleted());
    }

    @Override
    public boolean livePathTaken(String path) {
        return locked(() -> state.projects.values().stream()
                .anyMatch(p -> !p.deleted() && p.path().equals(path)));
    }

    @Override
    public Optional<ThreadView> thread(ThreadId id) {
        return locked(() -> Optional.ofNullable(state.threads.get(id.toString())));
    }

    @Override
    public List<ThreadView> threads(ThreadFilter filter) {
        return listed(s -> s.threads, ThreadView::createdAt, filter::accepts);
    }

    @Override
    public List<ThreadId> liveThreadsOf(ProjectId project) {
        return listed(
                        s -> s.threads,
                        ThreadView::createdAt,
                        (ThreadView t) -> t.projectId().equals(project) && !t.deleted())
                .stream()
                .map(ThreadView::id)
                .toList();
    }

    @Override
    public Optional<TurnView> turn(TurnId id) {
        return locked(() -> Optional.ofNullable(state.turns.get(id.toString())));
    }

    @Override
    public List<TurnView> turnsOf(ThreadId thread) {
        return locked(() -> state.turns.values().stream()
                .filter(t -> t.threadId().equals(thread))
                .sorted(Comparator.comparingLong(TurnView::ordinal))
                .toList());
    }

    @Override
    public Optional<MessageView> message(MessageId id) {
        return locked(() -> Optional.ofNullable(state.messages.get(id.toString())));
    }

    @Override
    public List<MessageView> messagesOf(ThreadId thread) {
        return locked(() -> state.messages.values().stream()
                .filter(m -> m.threadId().equals(thread))
                .sorted(Comparator.comparingLong(MessageView::ordinal))
                .toList());
    }

    @Override
    public List<MessageId> streamingMessagesOf(TurnId turn) {
        return locked(() -> state.messages.values().stream()
                .filter(m -> m.turnId().equals(turn) && m.streaming())
                .sorted(Comparator.comparingLong(MessageView::ordinal))
                .map(MessageView::id)
                .toList());
    }

    @Override
    public Optional<CheckpointView> checkpoint(CheckpointId id) {
        return locked(() -> Optional.ofNullable(state.checkpoints.get(id.toString())));
    }

    @Override
    public List<CheckpointView> checkpointsOf(ThreadId thread) {
        return listed(
                s -> s.checkpoints,
                CheckpointView::createdAt,
                (CheckpointView c) -> c.threadId().equals(thread));
    }

    @Override
    public Optional<SettingView> setting(String key) {
        return locked(() -> Optional.ofNullable(state.settings.get(key)));
    }

    @Override
    public List<SettingView> settings() {
        return locked(() -> List.copyOf(state.settings.values()));
    }

    // ProjectionWriter

    @Override
    public void putProject(ProjectView project) {
        write(() -> state.projects.put(project.id().toString(), project));
    }

    @Override
    public void putThread(ThreadView thread) {
        write(() -> state.threads.put(thread.id().toString(), thread));
    }

    @Override
    public void putTurn(TurnView turn) {
        write(() -> state.turns.put(turn.id().toString(), turn));
    }

    @Override
    public void revertTurnsAfter(ThreadId thread, long ordinal, Instant at) {
        write(() -> state.turns.replaceAll((id, t) -> t.threadId().equals(thread) && t.ordinal() > ordinal
                ? new TurnView(
                        t.id(), t.threadId(), t.ordinal(), TurnStatus.REVERTED, t.error(), t.startedAt(), t.endedAt())
                : t));
    }

    @Override
    public void putMessage(MessageView message) {
        write(() -> state.messages.put(message.id().toString(), message));
    }

    @Override
    public void appendMessageText(MessageId id, String delta, Instant at) {
        write(() -> state.messages.computeIfPresent(
                id.toString(),
                (key, m) -> new MessageView(
                        m.id(),
                        m.threadId(),
                        m.turnId(),
                        m.ordinal(),
                        m.role(),
                        m.text() + delta,
                        m.streaming(),
                        m.createdAt(),
                        at)));
    }

    @Override
    public void putCheckpoint(CheckpointView checkpoint) {
        write(() -> state.checkpoints.put(checkpoint.id().toString(), checkpoint));
    }

    @Override
    public void putSetting(SettingView setting) {
        write(() -> state.settings.put(setting.key(), setting));
    }

    @Override
    public void removeSetting(String key) {
        write(() -> state.settings.remove(key));
    }

    @Override
    public void purgeThread(ThreadId thread) {
        write(() -> {
            state.threads.remove(thread.toString());
            state.turns.values().removeIf(t -> t.threadId().equals(thread));
            state.messages.values().removeIf(m -> m.threadId().equals(thread));
            state.checkpoints.values().removeIf(c -> c.threadId().equals(thread));
        });
    }

    @Override
    public void clear() {
        write(() -> {
            state.projects.clear();
            state.threads.clear();
            state.turns.clear();
            state.messages.clear();
            state.checkpoints.clear();
            state.settings.clear();
            state.documents.clear();
        });
    }

    // SearchIndex

    @Override
    public void index(SearchDocument document) {
        write(() -> state.documents.put(document.key(), document));
    }

    @Override
    public void removeThread(ThreadId thread) {
        write(() -> state.documents.values().removeIf(d -> d.threadId().equals(thread)));
    }

    @Override
    public List<SearchHit> search(SearchQuery query, SearchFilter filter) {
        return locked(() -> {
            Map<String, Long> ordinals = new HashMap<>();
            state.turns.forEach((id, turn) -> ordinals.put(id, turn.ordinal()));
            return InMemorySearch.search(state.documents.values(), state.threads, ordinals, query, filter);
        });
    }

    // ProjectorPositions

    @Override
    public long position(String projector) {
        return locked(() -> state.positions.getOrDefault(projector, 0L));
    }

    @Override
    public void setPosition(String projector, long sequence) {
        write(() -> state.positions.put(projector, sequence));
    }

    // ReadModelRows

    private static final List<Table> TABLES = List.of(
            new Table("projects", List.of("row")),
            new Table("threads", List.of("row")),
            new Table("turns", List.of("row")),
            new Table("messages", List.of("row")),
            new Table("checkpoints", List.of("row")),
            new Table("settings", List.of("row")),
            new Table("search", List.of("row")));

    @Override
    public List<Table> tables() {
        return TABLES;
    }

    @Override
    public Stream<Row> rows(Table table) {
        Map<String, Object> rows = locked(() -> {
            Map<String, ?> source = switch (table.name()) {
                case "projects" -> state.projects;
                case "threads" -> state.threads;
                case "turns" -> state.turns;
                case "messages" -> state.messages;
                case "checkpoints" -> state.checkpoints;
                case "settings" -> state.settings;
                case "search" -> state.documents;
                default -> throw new IllegalArgumentException(table.name());
            };
            return new TreeMap<String, Object>(source);
        });
        return rows.entrySet().stream()
                .map(entry -> new Row(
                        List.of(entry.getKey()), List.of(entry.getValue().toString())));
    }

    // CommandReceipts

    @Override
    public Optional<Receipt> receipt(String commandId) {
        return locked(() -> Optional.ofNullable(state.receipts.get(commandId)));
    }

    @Override
    public void record(Receipt receipt) {
        write(() -> state.receipts.put(receipt.commandId(), receipt));
    }

    // Maintenance

    @Override
    public boolean onServer() {
        return false;
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public int schemaVersion() {
        return 1;
    }

    @Override
    public Integrity integrityCheck() {
        return new Integrity(List.of("ok"));
    }

    @Override
    public Integrity backup(Path target) {
        try {
            java.nio.file.Files.writeString(target, "events: " + lastSequence());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Integrity(List.of("ok"));
    }

    @Override
    public Size size() {
        long bytes = locked(() -> (long) state.log.size() * 100);
        return new Size(bytes, 0, List.of());
    }

    @Override
    public OptionalLong availableBytes() {
        return OptionalLong.empty(); // memory has no file system
    }

    /** A stream's bytes are its events' text forms in UTF-8: they grow with what the events hold. */
    @Override
    public List<StreamSize> streamSizes() {
        return locked(() -> {
            Map<String, long[]> sums = new TreeMap<>();
            for (StoredEvent event : state.log) {
                long[] sum = sums.computeIfAbsent(event.streamId(), key -> new long[2]);
                sum[0]++;
                sum[1] += event.toString().getBytes(StandardCharsets.UTF_8).length;
            }
            List<StreamSize> streams = new ArrayList<>();
            sums.forEach((stream, sum) -> streams.add(new StreamSize(stream, sum[0], sum[1])));
            return streams;
        });
    }

    @Override
    public Compaction compact() {
        long bytes = size().bytes();
        return new Compaction(bytes, bytes);
    }
}
