package dev.threadline.benchmark;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.port.IdSource;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.sqlite.SqliteDatabase;
import dev.threadline.sqlite.SqliteOptions;
import dev.threadline.sqlite.SqliteOptions.Synchronous;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code threadline bench}: the performance scenarios on scratch stores, each measured beside a raw
 * sqlite-jdbc baseline ({@link RawJdbc}) on the same schema, pragmas, payload size and id kind.
 * Every throughput scenario runs two discarded warm-up rounds of each side, then repetitions that alternate Threadline and
 * the baseline so machine noise hits both alike; the medians are reported.
 *
 * <p>One class holds the scenarios that share this rotation and the stores they build on (the
 * pipeline's store is replayed and rebuilt by the later scenarios); scenarios that stand alone
 * ({@code ConcurrentCommands} and the others) are classes of their own.
 */
public final class Benchmark {

    /** Where the scenarios take their new ids, as the application does. */
    private static final IdSource IDS = IdSource.timeOrdered();

    /** 1,000 events per transaction in the batched scenarios. */
    static final int BATCH = 1_000;

    static final int REPETITIONS = 5;
    /** Discarded rounds of each side first: two let the JIT settle on a 2-vCPU machine. */
    static final int WARM_UP_ROUNDS = 2;

    static final int DELTAS = 10_000;
    static final int TOKENS = 20_000;

    /** A delta of 160 characters: its payload is about 300 bytes, the size the targets are stated for. */
    static final String DELTA = "streamed text of an assistant answer, token after token, "
            .repeat(3)
            .substring(0, 160);

    private final StoreFactory factory;
    private final Path directory;
    private final int events;
    private final Consumer<String> progress;
    private final SqliteOptions normal = SqliteOptions.defaults();
    private int stores;

    private Benchmark(StoreFactory stores, Path directory, int events, Consumer<String> progress) {
        this.factory = stores;
        this.directory = directory;
        this.events = events;
        this.progress = progress;
    }

    /**
     * Runs every scenario in a new temporary directory, deleted afterwards.
     *
     * @param stores opens the store under test in a scratch directory
     * @param events the number of events of the large scenarios (batch append, pipeline, replay)
     * @param progress told the name of each scenario as it starts
     */
    public static List<BenchmarkResult> run(StoreFactory stores, int events, Consumer<String> progress) {
        Path directory;
        try {
            directory = Files.createTempDirectory("threadline-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for the benchmark", e);
        }
        try {
            return new Benchmark(stores, directory, events, progress).all();
        } catch (SQLException e) {
            throw new IllegalStateException("the baseline failed: " + e.getMessage(), e);
        } finally {
            delete(directory);
        }
    }

    private List<BenchmarkResult> all() throws SQLException {
        List<BenchmarkResult> results = new ArrayList<>();
        Path log = store();
        results.add(batchAppend(log));
        Path pipelineStore = store();
        results.add(pipeline(pipelineStore));
        results.add(singles(Synchronous.NORMAL, Math.max(1_000, events / 20), "≥ 0.9× raw", 0.9));
        results.add(singles(Synchronous.FULL, Math.max(200, events / 100), "", Double.NaN));
        results.add(ConcurrentCommands.measure(factory, this::store, events, progress));
        results.add(replay(log));
        results.add(rebuild(pipelineStore));
        results.add(deltas());
        results.add(streamedAnswer());
        progress.accept("search, " + Math.min(events, SearchScenario.MESSAGES) + " messages");
        results.add(SearchScenario.run(factory, store(), Math.min(events, SearchScenario.MESSAGES)));
        progress.accept("fork of a thread holding 10 MB");
        results.add(ForkScenario.run(
                factory, store(), Math.min(ForkScenario.PARENT_BYTES, Math.max(64 * 1024L, events * 100L))));
        results.add(CheckpointCapture.measure(this::store, events, progress));
        return results;
    }

    // 1. Event-store batch append.

    private BenchmarkResult batchAppend(Path threadlineStore) throws SQLException {
        progress.accept("event store batch append, " + events + " events");
        int perRound = roundSize(events);
        Path rawFile = store().resolve(SqliteDatabase.FILE_NAME);
        try (BenchmarkedStore store = factory.open(threadlineStore, normal);
                RawJdbc raw = RawJdbc.create(rawFile, normal)) {
            Rates rates = measure(
                    perRound,
                    () -> {
                        for (int done = 0; done < perRound; done += BATCH) {
                            ThreadId thread = IDS.threadId();
                            MessageId message = IDS.messageId();
                            List<NewEvent> batch = new ArrayList<>(BATCH);
                            for (int i = 0; i < Math.min(BATCH, perRound - done); i++) {
                                batch.add(
                                        IDS.newEvent(new MessageDeltaAppended(thread, message, DELTA, Instant.now())));
                            }
                            store.events().append(AppendBatch.of(batch));
                        }
                    },
                    () -> raw.appendBatches(perRound, BATCH, DELTA));
            return rates.result(
                    "batch-append",
                    "event store append, 1,000 events per transaction",
                    "≥ 0.8× raw",
                    0.8,
                    String.format(
                            Locale.ROOT,
                            "%,d events per run; %,d bytes an event in the store (raw %,d)",
                            perRound,
                            RawJdbc.bytesPerEvent(threadlineStore.resolve(SqliteDatabase.FILE_NAME), normal),
                            RawJdbc.bytesPerEvent(rawFile, normal)));
        }
    }

    // 2. Full command pipeline, batched: 1,000 commands per outer transaction.

    private BenchmarkResult pipeline(Path threadlineStore) throws SQLException {
        progress.accept("command pipeline, " + events + " commands in transactions of 1,000");
        int perRound = roundSize(events);
        try (BenchmarkedStore store = factory.open(threadlineStore, normal);
                RawJdbc raw = RawJdbc.create(store().resolve(SqliteDatabase.FILE_NAME), normal);
                RawJdbc floor = RawJdbc.create(store().resolve(SqliteDatabase.FILE_NAME), normal)) {
            ThreadId thread = runningThread(store);
            long[] commandIds = {0, 0};
            double[] medians = measureSides(
                    perRound,
                    REPETITIONS,
                    () -> {
                        for (int done = 0; done < perRound; done += BATCH) {
                            int size = Math.min(BATCH, perRound - done);
                            store.inTransaction(() -> {
                                for (int i = 0; i < size; i++) {
                                    store.execute(
                                            new AddMessage(thread, Role.USER, text(), false),
                                            "bench-" + ++commandIds[0]);
                                }
                                return null;
                            });
                        }
                    },
                    () -> raw.appendBatches(perRound, BATCH, DELTA),
                    () -> {
                        floor.commandWrites(commandIds[1], perRound, BATCH, text());
                        commandIds[1] += perRound;
                    });
            Rates rates = new Rates(medians[0], medians[1], medians[2]);
            return rates.result(
                    "pipeline-batched",
                    "commands (decide, append, inline projections, receipt), 1,000 per transaction",
                    "≥ 0.5× raw",
                    0.5,
                    "vs raw inserts batched 1,000 per transaction; " + rates.floorDetail());
        }
    }

    // 3. Single-event commands, one transaction each.

    private BenchmarkResult singles(Synchronous mode, int count, String target, double minimum) throws SQLException {
        progress.accept("single-event commands at synchronous=" + mode + ", " + count + " commands");
        SqliteOptions options = normal.withSynchronous(mode);
        int perRound = roundSize(count);
        try (BenchmarkedStore store = factory.open(store(), options);
                RawJdbc raw = RawJdbc.create(store().resolve(SqliteDatabase.FILE_NAME), options);
                RawJdbc floor = RawJdbc.create(store().resolve(SqliteDatabase.FILE_NAME), options)) {
            ThreadId thread = runningThread(store);
            UUID stream = IDS.next();
            long[] counters = {0, 0, 0};
            double[] medians = measureSides(
                    perRound,
                    REPETITIONS,
                    () -> {
                        for (int i = 0; i < perRound; i++) {
                            store.execute(new AddMessage(thread, Role.USER, text(), false), "single-" + ++counters[0]);
                        }
                    },
                    () -> {
                        raw.appendSingles(stream, counters[1], perRound, DELTA);
                        counters[1] += perRound;
                    },
                    () -> {
                        floor.commandWrites(counters[2], perRound, 1, text());
                        counters[2] += perRound;
                    });
            Rates rates = new Rates(medians[0], medians[1], medians[2]);
            return rates.result(
                    "single-" + mode.name().toLowerCase(Locale.ROOT),
                    "one command (with receipt) per transaction, synchronous=" + mode,
                    target,
                    minimum,
                    "vs raw single-insert transactions; " + rates.floorDetail());
        }
    }

    // 4. Replay of the whole log with decoding, both sides on the same file.

    private BenchmarkResult replay(Path threadlineStore) throws SQLException {
        Path file = threadlineStore.resolve(SqliteDatabase.FILE_NAME);
        try (BenchmarkedStore store = factory.open(threadlineStore, normal)) {
            long total = store.events().lastSequence();
            progress.accept("replay with decoding, " + total + " events");
            Rates rates = measure(
                    total,
                    () -> {
                        try (Stream<StoredEvent> all = store.events().replayAll()) {
                            long count = all.count();
                            if (count != total) {
                                throw new IllegalStateException("replayed " + count + " of " + total);
                            }
                        }
                    },
                    () -> RawJdbc.replay(file, normal));
            return rates.result(
                    "replay",
                    "replay of the whole log, decoded (baseline: read + Jackson)",
                    "≥ 0.8× raw",
                    0.8,
                    String.format(Locale.ROOT, "%,d events per run", total));
        }
    }

    // 5. Projection rebuild.

    private BenchmarkResult rebuild(Path threadlineStore) throws SQLException {
        Path file = threadlineStore.resolve(SqliteDatabase.FILE_NAME);
        try (BenchmarkedStore store = factory.open(threadlineStore, normal)) {
            long total = store.events().lastSequence();
            progress.accept("projection rebuild, " + total + " events");
            Rates rates = measure(
                    total, () -> store.projections().rebuild(sequence -> {}), () -> RawJdbc.rebuild(file, normal), 3);
            return rates.result(
                    "rebuild",
                    "projection rebuild from the log (baseline: read, decode, one row insert per event)",
                    "",
                    Double.NaN,
                    String.format(Locale.ROOT, "%,d events per run", total));
        }
    }

    // 6. 10,000 deltas appended to one thread, one command each.

    private BenchmarkResult deltas() throws SQLException {
        int count = Math.min(DELTAS, events);
        int window = count / 10;
        progress.accept(count + " deltas appended to one thread");
        try (BenchmarkedStore store = factory.open(store(), normal);
                RawJdbc raw = RawJdbc.create(store().resolve(SqliteDatabase.FILE_NAME), normal)) {
            ThreadId thread = runningThread(store);
            MessageId message = store.execute(new AddMessage(thread, Role.ASSISTANT, "", true))
                    .messageId();
            UUID stream = IDS.next();
            long[] threadlineNanos = new long[10];
            long[] rawNanos = new long[10];
            // Windows of a tenth alternate between the two sides.
            for (int w = 0; w < 10; w++) {
                long start = System.nanoTime();
                for (int i = 0; i < window; i++) {
                    store.execute(new AppendDelta(thread, message, DELTA));
                }
                threadlineNanos[w] = System.nanoTime() - start;
                start = System.nanoTime();
                raw.appendSingles(stream, (long) w * window, window, DELTA);
                rawNanos[w] = System.nanoTime() - start;
            }
            int length = messageText(store, thread, message).length();
            double growth = (double) threadlineNanos[9] / threadlineNanos[0];
            double rawGrowth = (double) rawNanos[9] / rawNanos[0];
            return new BenchmarkResult(
                    "deltas",
                    count + " deltas to one message, one command each: cost of the last tenth / the first",
                    "x",
                    growth,
                    rawGrowth,
                    growth,
                    "≤ 1.5",
                    growth <= 1.5,
                    String.format(
                            Locale.ROOT,
                            "first %,d: %,.0f/s, last %,d: %,.0f/s (raw %,.0f/s, %,.0f/s); message %,d chars",
                            window,
                            rate(window, threadlineNanos[0]),
                            window,
                            rate(window, threadlineNanos[9]),
                            rate(window, rawNanos[0]),
                            rate(window, rawNanos[9]),
                            length));
        }
    }

    // 7. A streamed answer of 20,000 tokens, coalesced.

    private BenchmarkResult streamedAnswer() throws SQLException {
        progress.accept("a streamed answer of " + TOKENS + " tokens");
        try (BenchmarkedStore store = factory.open(store(), normal);
                RawJdbc raw = RawJdbc.create(store().resolve(SqliteDatabase.FILE_NAME), normal)) {
            ThreadId thread = runningThread(store);
            long before = store.events().lastSequence();
            StringBuilder expected = new StringBuilder();
            long start = System.nanoTime();
            MessageId message;
            try (MessageStream stream = store.streamMessage(thread, Role.ASSISTANT)) {
                message = stream.messageId();
                for (int i = 0; i < TOKENS; i++) {
                    String token = i % 7 == 0 ? "\n" + i : " tok" + i;
                    expected.append(token);
                    stream.append(token);
                }
            }
            long threadlineNanos = System.nanoTime() - start;
            long written = store.events().lastSequence() - before;
            long bytes = RawJdbc.payloadBytes(store.databaseFile(), normal, before);
            String stored = messageText(store, thread, message);
            boolean exact = stored.contentEquals(expected);
            start = System.nanoTime();
            raw.appendBatches(TOKENS, BATCH, "tok");
            long rawNanos = System.nanoTime() - start;
            return new BenchmarkResult(
                    "streamed-answer",
                    TOKENS + " tokens streamed through a coalescing message stream: events written",
                    "events",
                    written,
                    TOKENS,
                    written / (double) TOKENS,
                    "≤ 50 events, exact text",
                    written <= 50 && exact,
                    String.format(
                            Locale.ROOT,
                            "%,d payload bytes (raw, one event a token: %,d); text %s; %,.0f tokens/s (raw %,.0f/s)",
                            bytes,
                            raw.bytesWritten(),
                            exact ? "exact" : "DIFFERS",
                            rate(TOKENS, threadlineNanos),
                            rate(TOKENS, rawNanos)));
        }
    }

    private static String messageText(BenchmarkedStore store, ThreadId thread, MessageId message) {
        return store.queries().transcript(thread).turns().stream()
                .flatMap(turn -> turn.messages().stream())
                .filter(m -> m.id().equals(message))
                .findFirst()
                .orElseThrow()
                .text();
    }

    // Helpers.

    private static ThreadId runningThread(BenchmarkedStore store) {
        ProjectId project = store.execute(new CreateProject("bench", "/bench/" + IDS.next()))
                .projectId();
        ThreadId thread =
                store.execute(new CreateThread(project, "bench", "bench-model")).threadId();
        store.execute(new StartTurn(thread, "measure"));
        return thread;
    }

    /** A user message whose payload is about 300 bytes. */
    private static String text() {
        return DELTA.substring(0, 90);
    }

    private int roundSize(long total) {
        return (int) Math.max(1, total / REPETITIONS);
    }

    private Path store() {
        Path store = directory.resolve("store-" + ++stores);
        try {
            return Files.createDirectories(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double rate(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }

    @FunctionalInterface
    private interface Round {
        void run() throws SQLException;
    }

    private Rates measure(long perRound, Round threadline, Round baseline) throws SQLException {
        return measure(perRound, threadline, baseline, REPETITIONS);
    }

    /** Warm-up rounds of each, then rounds alternating the two sides (which goes first alternates too). */
    private static Rates measure(long perRound, Round threadline, Round baseline, int repetitions) throws SQLException {
        double[] medians = measureSides(perRound, repetitions, threadline, baseline);
        return new Rates(medians[0], medians[1], Double.NaN);
    }

    /**
     * Warm-up rounds of each side, then rounds running every side once, each round starting with
     * the next side, so that machine noise hits all alike; the median rate of each side.
     */
    private static double[] measureSides(long perRound, int repetitions, Round... sides) throws SQLException {
        for (int warmUp = 0; warmUp < WARM_UP_ROUNDS; warmUp++) {
            for (Round side : sides) {
                side.run();
            }
        }
        double[][] rates = new double[sides.length][repetitions];
        for (int r = 0; r < repetitions; r++) {
            for (int i = 0; i < sides.length; i++) {
                int side = (r + i) % sides.length;
                rates[side][r] = timed(perRound, sides[side]);
            }
        }
        double[] medians = new double[sides.length];
        for (int side = 0; side < sides.length; side++) {
            medians[side] = median(rates[side]);
        }
        return medians;
    }

    private static double timed(long count, Round round) throws SQLException {
        long start = System.nanoTime();
        round.run();
        return rate(count, System.nanoTime() - start);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Median rates; {@code floor} is the hand-written least writes of a command, NaN when not measured. */
    private record Rates(double threadline, double baseline, double floor) {

        /** The floor beside the baseline, for a scenario's detail. */
        String floorDetail() {
            return String.format(
                    Locale.ROOT,
                    "the least a command must write, by hand in raw JDBC: %,.0f/s = %.2f× raw, Threadline %.2f× that",
                    floor,
                    floor / baseline,
                    threadline / floor);
        }

        BenchmarkResult result(String scenario, String description, String target, double minimum, String detail) {
            double ratio = baseline == 0 ? 0 : threadline / baseline;
            return new BenchmarkResult(
                    scenario,
                    description,
                    "events/s",
                    threadline,
                    baseline,
                    ratio,
                    target,
                    Double.isNaN(minimum) ? null : ratio >= minimum,
                    detail);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A scratch file left in the temporary directory is harmless; the figures stand.
        }
    }
}
