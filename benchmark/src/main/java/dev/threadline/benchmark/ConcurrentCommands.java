package dev.threadline.benchmark;

import dev.threadline.application.command.AddMessage;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.sqlite.SqliteOptions;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code concurrent-commands}: eight threads, each running {@code AddMessage} commands one at a
 * time (awaiting each result) on a thread of its own, beside raw sqlite-jdbc single-insert
 * transactions from eight threads written both ways a user would write them: a connection each
 * (busy timeout, {@code BEGIN IMMEDIATE}), and one connection shared under a lock. The faster of
 * the two is the baseline. Rounds alternate the sides after a warm-up; rates are medians,
 * latencies (one command or one insert transaction, as its caller waits for it) are over every
 * measured round.
 *
 * <p>Beside them, printed in the detail and not a baseline: the floor of the same commands (what
 * they must write, by hand in raw JDBC, see {@link RawJdbc#commandWrites}), spread over eight
 * conversation threads as the eight callers' are, in transactions of eight from one thread: the
 * most that any grouping of the eight threads' commands could reach with nothing to wait for; and the same floor without the message's search document and full-text index entries,
 * which shows what writing the index in each group's transaction costs.
 */
final class ConcurrentCommands {

    static final int THREADS = 8;
    static final double TARGET = 1.5;
    private static final int REPETITIONS = 5;
    private static final int WARM_UP_ROUNDS = 3;
    private static final String TEXT = Fixtures.TEXT;
    private static final String DELTA = Fixtures.DELTA;

    private final Scratch scratch;
    private final int perThread;
    private final SqliteOptions options = SqliteOptions.defaults();

    private ConcurrentCommands(Scratch scratch, int perThread) {
        this.scratch = scratch;
        this.perThread = perThread;
    }

    /**
     * Measures the scenario.
     *
     * @param scratch where the stores are made, and where progress is told
     * @param events the benchmark's size; a tenth of it (at least 800) is each side's total
     */
    static BenchmarkResult measure(Scratch scratch, int events) throws SQLException {
        int total = Math.max(800, events / 10);
        int perThread = Math.max(1, total / REPETITIONS / THREADS);
        scratch.progress(
                "concurrent commands from " + THREADS + " threads, " + perThread * THREADS * REPETITIONS + " commands");
        return new ConcurrentCommands(scratch, perThread).run();
    }

    /** One side: each of the eight threads does its share of a round, timing each call. */
    @FunctionalInterface
    private interface Call {
        void run(int thread, int index) throws Exception;
    }

    /** A side's rates per round and every latency, in nanoseconds. */
    private static final class Side {
        final Call call;
        final double[] rates = new double[REPETITIONS];
        final List<long[]> latencies = new ArrayList<>();

        Side(Call call) {
            this.call = call;
        }

        double median() {
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        double percentileMillis(double fraction) {
            long[] all =
                    latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            if (all.length == 0) {
                return 0;
            }
            int at = (int) Math.min(all.length - 1, Math.ceil(fraction * all.length) - 1);
            return all[Math.max(0, at)] / 1e6;
        }
    }

    private BenchmarkResult run() throws SQLException {
        Path rawFile = scratch.newRawFile();
        Path sharedFile = scratch.newRawFile();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<RawJdbc> own = new ArrayList<>();
        try (BenchmarkedStore store = scratch.openNew(options);
                RawJdbc shared = RawJdbc.create(sharedFile, options);
                RawJdbc floor = scratch.newRaw(options);
                RawJdbc unindexed = scratch.newRaw(options)) {
            RawJdbc.create(rawFile, options).close();
            ThreadId[] chats = new ThreadId[THREADS];
            UUID[] streams = new UUID[THREADS];
            long[][] versions = new long[2][THREADS];
            for (int t = 0; t < THREADS; t++) {
                chats[t] = Fixtures.runningThread(store);
                streams[t] = Fixtures.IDS.next();
                own.add(RawJdbc.open(rawFile, options));
            }
            ReentrantLock lock = new ReentrantLock();
            long[] commands = new long[THREADS];
            Side threadline = new Side((t, i) -> store.execute(
                    new AddMessage(chats[t], Role.USER, TEXT, false), "concurrent-" + t + "-" + ++commands[t]));
            Side eachOwn = new Side((t, i) -> appendOne(own.get(t), streams[t], versions[0][t]++));
            Side oneShared = new Side((t, i) -> {
                lock.lock();
                try {
                    shared.appendSingles(streams[t], versions[1][t]++, 1, DELTA);
                } finally {
                    lock.unlock();
                }
            });
            long[] floorCommands = {0};
            Side grouped = new Side((t, i) -> {
                if (t == 0 && i == 0) {
                    floor.commandWrites(floorCommands[0], perThread * THREADS, THREADS, TEXT, true, THREADS);
                    floorCommands[0] += perThread * THREADS;
                }
            });
            long[] unindexedCommands = {0};
            Side groupedUnindexed = new Side((t, i) -> {
                if (t == 0 && i == 0) {
                    unindexed.commandWrites(unindexedCommands[0], perThread * THREADS, THREADS, TEXT, false, THREADS);
                    unindexedCommands[0] += perThread * THREADS;
                }
            });
            Side[] sides = {threadline, eachOwn, oneShared, grouped, groupedUnindexed};
            Rounds.warmUp(WARM_UP_ROUNDS, () -> {
                for (Side side : sides) {
                    round(pool, side, -1);
                }
            });
            for (int r = 0; r < REPETITIONS; r++) {
                for (int i = 0; i < sides.length; i++) {
                    round(pool, sides[(r + i) % sides.length], r);
                }
            }
            return result(threadline, eachOwn, oneShared, grouped, groupedUnindexed);
        } finally {
            pool.shutdownNow();
            for (RawJdbc connection : own) {
                connection.close();
            }
        }
    }

    /**
     * One insert transaction on a connection of its own. SQLite may refuse {@code BEGIN
     * IMMEDIATE} at once rather than wait (a busy handler cannot always be used): a user's code
     * retries it, and so does this (no transaction is open then).
     */
    private static void appendOne(RawJdbc connection, UUID stream, long version) throws SQLException {
        while (true) {
            try {
                connection.appendSingles(stream, version, 1, DELTA);
                return;
            } catch (SQLException e) {
                if (!String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
                    throw e;
                }
            }
        }
    }

    /** Every thread does its share of one round; records the round's rate unless warming up. */
    private void round(ExecutorService pool, Side side, int repetition) throws SQLException {
        List<Future<long[]>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                long[] latencies = new long[perThread];
                for (int i = 0; i < perThread; i++) {
                    long before = System.nanoTime();
                    side.call.run(thread, i);
                    latencies[i] = System.nanoTime() - before;
                }
                return latencies;
            }));
        }
        List<long[]> latencies = new ArrayList<>();
        for (Future<long[]> future : done) {
            try {
                latencies.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new IllegalStateException("a measured side failed: " + e.getCause(), e.getCause());
            }
        }
        long elapsed = System.nanoTime() - start;
        if (repetition >= 0) {
            side.rates[repetition] = (double) perThread * THREADS * 1e9 / Math.max(1, elapsed);
            side.latencies.addAll(latencies);
        }
    }

    private static BenchmarkResult result(
            Side threadline, Side eachOwn, Side oneShared, Side grouped, Side groupedUnindexed) {
        boolean ownFaster = eachOwn.median() >= oneShared.median();
        double baseline = Math.max(eachOwn.median(), oneShared.median());
        double ratio = baseline == 0 ? 0 : threadline.median() / baseline;
        String detail = String.format(
                Locale.ROOT,
                "%d threads; Threadline p50 %.2f ms, p99 %.2f ms; raw, a connection each: %,.0f/s, p50 %.2f ms,"
                        + " p99 %.2f ms; raw, one connection under a lock: %,.0f/s, p50 %.2f ms, p99 %.2f ms;"
                        + " baseline: %s; the floor of the same commands (%d threads' messages) in transactions of %d"
                        + " from one thread (the most grouping could give): %,.0f/s = %.2f× the baseline; the same floor without the"
                        + " full-text index: %,.0f/s = %.2f×",
                THREADS,
                threadline.percentileMillis(0.50),
                threadline.percentileMillis(0.99),
                eachOwn.median(),
                eachOwn.percentileMillis(0.50),
                eachOwn.percentileMillis(0.99),
                oneShared.median(),
                oneShared.percentileMillis(0.50),
                oneShared.percentileMillis(0.99),
                ownFaster ? "a connection each" : "one shared connection",
                THREADS,
                THREADS,
                grouped.median(),
                baseline == 0 ? 0 : grouped.median() / baseline,
                groupedUnindexed.median(),
                baseline == 0 ? 0 : groupedUnindexed.median() / baseline);
        return new BenchmarkResult(
                "concurrent-commands",
                THREADS + " threads each running commands one at a time (group commit)",
                "events/s",
                threadline.median(),
                baseline,
                ratio,
                "≥ 1.5× raw single inserts from 8 threads",
                ratio >= TARGET,
                detail);
    }
}
