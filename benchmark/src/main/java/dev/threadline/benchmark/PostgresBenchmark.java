package dev.threadline.benchmark;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.port.IdSource;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.postgres.PostgresLocation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code bench --database} scenarios on a PostgreSQL server: Threadline on a scratch schema
 * beside raw pgjdbc on another scratch schema of the same migrations, rounds alternating, medians
 * reported. Raw is plain batched inserts of event rows; the floor is what a command must write
 * (its event, message, thread and search rows, its receipt, and per transaction the position),
 * by hand, nothing read or decided. The concurrent scenario prints, beside its baseline, the floor
 * of its commands as one node's grouping would write them ({@code Floors}): the most grouping could
 * give. The scratch schemas are dropped afterwards.
 */
public final class PostgresBenchmark {

    private static final IdSource IDS = IdSource.timeOrdered();
    static final int BATCH = 1_000;
    private static final int REPETITIONS = 5;
    private static final int THREADS = 8;
    static final String TEXT = "streamed text of an assistant answer, token after token, "
            .repeat(2)
            .substring(0, 90);

    private final Function<String, BenchmarkedStore> open;
    private final PostgresBaseline baseline;
    private final int events;
    private final Consumer<String> progress;

    private PostgresBenchmark(
            Function<String, BenchmarkedStore> open, PostgresLocation server, int events, Consumer<String> progress) {
        this.open = open;
        this.baseline = new PostgresBaseline(server);
        this.events = events;
        this.progress = progress;
    }

    /**
     * Runs the scenarios.
     *
     * @param open opens a Threadline store on a database URL
     * @param url the server's database; the scenarios use scratch schemas of it
     */
    public static List<BenchmarkResult> run(
            Function<String, BenchmarkedStore> open, String url, int events, Consumer<String> progress) {
        PostgresBenchmark bench = new PostgresBenchmark(open, PostgresLocation.parse(url), events, progress);
        try {
            return bench.all();
        } catch (SQLException e) {
            throw new IllegalStateException("the pgjdbc baseline failed: " + e.getMessage(), e);
        } finally {
            bench.baseline.dropSchemas(progress);
        }
    }

    private List<BenchmarkResult> all() throws SQLException {
        return List.of(batchAppend(), commands(BATCH, "pipeline-batched"), commands(1, "single"), concurrent());
    }

    /** A store on a new scratch schema, and a raw connection to another, migrated the same way. */
    private BenchmarkedStore store(PostgresLocation location) {
        return open.apply(location.url());
    }

    private Connection raw(PostgresLocation location) throws SQLException {
        open.apply(location.url()).close(); // the same migrations
        return baseline.connect(location);
    }

    private BenchmarkResult batchAppend() throws SQLException {
        int perRound = Math.max(BATCH, events / REPETITIONS / 4 / BATCH * BATCH);
        progress.accept("PostgreSQL event store batch append, " + perRound * REPETITIONS + " events");
        try (BenchmarkedStore store = store(baseline.scratch());
                Connection raw = raw(baseline.scratch())) {
            double[] rates = sides(
                    perRound,
                    () -> {
                        for (int done = 0; done < perRound; done += BATCH) {
                            ThreadId thread = IDS.threadId();
                            MessageId message = IDS.messageId();
                            List<NewEvent> batch = new ArrayList<>(BATCH);
                            for (int i = 0; i < BATCH; i++) {
                                batch.add(IDS.newEvent(new MessageDeltaAppended(thread, message, TEXT, Instant.now())));
                            }
                            store.events().append(AppendBatch.of(batch));
                        }
                    },
                    () -> baseline.rawBatches(raw, perRound));
            return result(
                    "pg-batch-append",
                    "PostgreSQL event store append, 1,000 events per transaction",
                    rates[0],
                    rates[1],
                    0.8,
                    "vs raw pgjdbc inserts batched 1,000 per transaction");
        }
    }

    private BenchmarkResult commands(int perTransaction, String scenario) throws SQLException {
        int perRound = perTransaction == 1 ? Math.max(200, events / 200) : Math.max(BATCH, events / 40 / BATCH * BATCH);
        progress.accept("PostgreSQL commands, " + perTransaction + " per transaction, " + perRound * REPETITIONS);
        try (BenchmarkedStore store = store(baseline.scratch());
                Connection floor = raw(baseline.scratch())) {
            ThreadId thread = running(store);
            long[] ids = {0, 0};
            double[] rates = sides(
                    perRound,
                    () -> {
                        for (int done = 0; done < perRound; done += perTransaction) {
                            store.inTransaction(() -> {
                                for (int i = 0; i < perTransaction; i++) {
                                    store.execute(new AddMessage(thread, Role.USER, TEXT, false), "bench-" + ++ids[0]);
                                }
                                return null;
                            });
                        }
                    },
                    () -> {
                        baseline.floorCommands(floor, ids[1], perRound, perTransaction);
                        ids[1] += perRound;
                    });
            return result(
                    "pg-" + scenario,
                    "PostgreSQL commands (decide, append, inline projections, receipt), " + perTransaction
                            + " per transaction",
                    rates[0],
                    rates[1],
                    0.8,
                    "vs the floor: the same rows written by hand in raw pgjdbc");
        }
    }

    private BenchmarkResult concurrent() throws SQLException {
        int perThread = Math.max(25, events / 10 / REPETITIONS / THREADS);
        progress.accept("PostgreSQL concurrent commands from " + THREADS + " threads, "
                + perThread * THREADS * REPETITIONS + " commands");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        PostgresLocation rawSchema = baseline.scratch();
        List<Connection> own = new ArrayList<>();
        try (BenchmarkedStore store = store(baseline.scratch())) {
            ThreadId[] chats = new ThreadId[THREADS];
            for (int t = 0; t < THREADS; t++) {
                chats[t] = running(store);
                own.add(raw(rawSchema));
            }
            long[] commands = new long[THREADS];
            long[] rawVersions = new long[THREADS];
            String[] rawStreams = new String[THREADS];
            Arrays.setAll(rawStreams, t -> UUID.randomUUID().toString());
            int perRound = perThread * THREADS;
            // After the raw connections: the raw side takes the first THREADS of them.
            Floors floors = new Floors(baseline.scratch(), perRound);
            own.addAll(floors.connections());
            double[] rates = sides(
                    perRound,
                    () -> parallel(
                            pool,
                            perThread,
                            t -> store.execute(
                                    new AddMessage(chats[t], Role.USER, TEXT, false),
                                    "concurrent-" + t + "-" + ++commands[t])),
                    () -> parallel(
                            pool, perThread, t -> baseline.rawSingle(own.get(t), rawStreams[t], rawVersions[t]++)),
                    floors::statementByStatement,
                    floors::oneRoundTrip,
                    floors::notWaitingForFlush);
            return result(
                    "pg-concurrent-commands",
                    "PostgreSQL: " + THREADS + " threads each running commands one at a time (group commit)",
                    rates[0],
                    rates[1],
                    1.5,
                    concurrentDetail(rates));
        } finally {
            pool.shutdownNow();
            for (Connection connection : own) {
                connection.close();
            }
        }
    }

    /**
     * The floors of {@code pg-concurrent-commands}: the rows its commands must write, spread over
     * {@value #THREADS} conversation threads round robin as its callers' are, in transactions of
     * {@value #THREADS} from one connection that takes the writer lock first, as Threadline's group
     * does; nothing read or decided. Statement by statement, in one round trip per transaction, and
     * in one round trip on a connection that does not wait for the WAL flush at commit. They share
     * a scratch schema, and so its writer lock key, and number their commands with one counter.
     */
    private final class Floors {

        private final Connection durable;
        private final Connection unflushed;
        private final long lock;
        private final int perRound;
        private final PostgresBaseline.FloorThreads statementThreads = new PostgresBaseline.FloorThreads(THREADS);
        private final PostgresBaseline.FloorThreads batchedThreads = new PostgresBaseline.FloorThreads(THREADS);
        private final PostgresBaseline.FloorThreads unflushedThreads = new PostgresBaseline.FloorThreads(THREADS);
        private long commands;

        Floors(PostgresLocation schema, int perRound) throws SQLException {
            this.durable = raw(schema);
            this.unflushed = baseline.connect(schema);
            baseline.skipFlushWait(unflushed);
            this.lock = PostgresBaseline.writerLockKey(schema.schema());
            this.perRound = perRound;
        }

        List<Connection> connections() {
            return List.of(durable, unflushed);
        }

        void statementByStatement() throws SQLException {
            baseline.floorCommands(durable, statementThreads, commands, perRound, THREADS, OptionalLong.of(lock));
            commands += perRound;
        }

        void oneRoundTrip() throws SQLException {
            baseline.floorInOneRoundTrip(durable, batchedThreads, commands, perRound, THREADS, lock);
            commands += perRound;
        }

        void notWaitingForFlush() throws SQLException {
            baseline.floorInOneRoundTrip(unflushed, unflushedThreads, commands, perRound, THREADS, lock);
            commands += perRound;
        }
    }

    /**
     * The baseline, and the floors beside it: Threadline's group of the eight callers' commands
     * cannot write faster than these rows written from one connection under the writer lock, so
     * they bound what grouping on one node can reach. The last floor does not wait for the WAL
     * flush at commit: how far it is above the durable one is what holding the lock through the
     * flush costs.
     */
    private static String concurrentDetail(double[] rates) {
        double baseline = rates[1];
        return String.format(
                Locale.ROOT,
                "vs raw single-insert transactions from %d threads, a connection each; the floor of a command in"
                        + " transactions of %d from one connection under the writer lock (the most grouping on one"
                        + " node could give): %,.0f/s = %.2f× the baseline; the same floor in one round trip per"
                        + " transaction (the fewest round trips could give): %,.0f/s = %.2f×; that floor not"
                        + " waiting for the WAL flush (synchronous_commit off, not durable, for comparison): %,.0f/s"
                        + " = %.2f×",
                THREADS,
                THREADS,
                rates[2],
                ratio(rates[2], baseline),
                rates[3],
                ratio(rates[3], baseline),
                rates[4],
                ratio(rates[4], baseline));
    }

    private static double ratio(double figure, double baseline) {
        return baseline <= 0 ? 0 : figure / baseline;
    }

    @FunctionalInterface
    private interface PerThread {
        void run(int thread) throws Exception;
    }

    private static void parallel(ExecutorService pool, int perThread, PerThread work) throws SQLException {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    work.run(thread);
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ThreadId running(BenchmarkedStore store) {
        var project = store.execute(new CreateProject("bench", "/bench/" + UUID.randomUUID()))
                .projectId();
        ThreadId thread =
                store.execute(new CreateThread(project, "bench", "model")).threadId();
        store.execute(new StartTurn(thread, null));
        return thread;
    }

    /** The median rate of each side: warm-up rounds, then rounds rotating which side goes first. */
    private static double[] sides(long perRound, Rounds.Round... sides) throws SQLException {
        return Rounds.measureSides(perRound, REPETITIONS, sides);
    }

    private static BenchmarkResult result(
            String scenario, String description, double threadline, double baseline, double minimum, String detail) {
        double ratio = ratio(threadline, baseline);
        return new BenchmarkResult(
                scenario,
                description,
                "events/s",
                threadline,
                baseline,
                ratio,
                String.format(Locale.ROOT, "≥ %.1f× baseline", minimum),
                ratio >= minimum,
                detail);
    }
}
