package dev.threadline.benchmark;

import static dev.threadline.benchmark.Fixtures.BATCH;
import static dev.threadline.benchmark.Fixtures.DELTA;
import static dev.threadline.benchmark.Fixtures.TEXT;

import dev.threadline.application.command.AddMessage;
import dev.threadline.benchmark.Rounds.Rates;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.sqlite.SqliteDatabase;
import dev.threadline.sqlite.SqliteOptions;
import dev.threadline.sqlite.SqliteOptions.Synchronous;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * Commands on one thread (an {@code AddMessage} with a command id each), measured against the
 * floor, the least a command must write by hand ({@link RawJdbc#commandWrites}), with raw inserts
 * beside: {@code pipeline-batched}, {@code single-normal}, {@code single-full}, and the
 * {@code rebuild} of the pipeline's store.
 */
final class CommandScenarios {

    private final Scratch scratch;
    private final SqliteOptions normal = SqliteOptions.defaults();

    CommandScenarios(Scratch scratch) {
        this.scratch = scratch;
    }

    /** 1,000 commands inside one outer transaction, into a store the rebuild reads. */
    BenchmarkResult pipeline(Path threadlineStore, int events) throws SQLException {
        scratch.progress("command pipeline, " + events + " commands in transactions of 1,000");
        int perRound = Math.max(1, events / Rounds.REPETITIONS);
        try (BenchmarkedStore store = scratch.open(threadlineStore, normal);
                RawJdbc raw = scratch.newRaw(normal);
                RawJdbc floor = scratch.newRaw(normal)) {
            ThreadId thread = Fixtures.runningThread(store);
            long[] commandIds = {0, 0};
            Rates rates = Rounds.measureWithFloor(
                    perRound,
                    () -> {
                        for (int done = 0; done < perRound; done += BATCH) {
                            int size = Math.min(BATCH, perRound - done);
                            store.inTransaction(() -> {
                                for (int i = 0; i < size; i++) {
                                    store.execute(
                                            new AddMessage(thread, Role.USER, TEXT, false), "bench-" + ++commandIds[0]);
                                }
                                return null;
                            });
                        }
                    },
                    () -> raw.appendBatches(perRound, BATCH, DELTA),
                    () -> {
                        floor.commandWrites(commandIds[1], perRound, BATCH, TEXT);
                        commandIds[1] += perRound;
                    });
            return rates.againstFloor(
                    "pipeline-batched",
                    "commands (decide, append, inline projections, receipt), 1,000 per transaction",
                    "≥ 0.8× floor",
                    0.8,
                    "raw inserts batched 1,000 per transaction");
        }
    }

    /** One command per transaction at a synchronous mode; a target only at NORMAL. */
    BenchmarkResult singles(Synchronous mode, int count) throws SQLException {
        scratch.progress("single-event commands at synchronous=" + mode + ", " + count + " commands");
        SqliteOptions options = normal.withSynchronous(mode);
        boolean targeted = mode == Synchronous.NORMAL;
        int perRound = Math.max(1, count / Rounds.REPETITIONS);
        try (BenchmarkedStore store = scratch.openNew(options);
                RawJdbc raw = scratch.newRaw(options);
                RawJdbc floor = scratch.newRaw(options)) {
            ThreadId thread = Fixtures.runningThread(store);
            UUID stream = Fixtures.IDS.next();
            long[] counters = {0, 0, 0};
            Rates rates = Rounds.measureWithFloor(
                    perRound,
                    () -> {
                        for (int i = 0; i < perRound; i++) {
                            store.execute(new AddMessage(thread, Role.USER, TEXT, false), "single-" + ++counters[0]);
                        }
                    },
                    () -> {
                        raw.appendSingles(stream, counters[1], perRound, DELTA);
                        counters[1] += perRound;
                    },
                    () -> {
                        floor.commandWrites(counters[2], perRound, 1, TEXT);
                        counters[2] += perRound;
                    });
            return rates.againstFloor(
                    "single-" + mode.name().toLowerCase(Locale.ROOT),
                    "one command (with receipt) per transaction, synchronous=" + mode,
                    targeted ? "≥ 0.9× floor" : "",
                    targeted ? 0.9 : Double.NaN,
                    "raw single-insert transactions");
        }
    }

    /** {@code projections().rebuild()} of a store, beside a read, decode and one row insert per event. */
    BenchmarkResult rebuild(Path threadlineStore) throws SQLException {
        Path file = threadlineStore.resolve(SqliteDatabase.FILE_NAME);
        try (BenchmarkedStore store = scratch.open(threadlineStore, normal)) {
            long total = store.events().lastSequence();
            scratch.progress("projection rebuild, " + total + " events");
            Rates rates = Rounds.measure(
                    total, () -> store.projections().rebuild(sequence -> {}), () -> RawReads.rebuild(file, normal), 3);
            return rates.againstRaw(
                    "rebuild",
                    "projection rebuild from the log (baseline: read, decode, one row insert per event)",
                    "",
                    Double.NaN,
                    String.format(Locale.ROOT, "%,d events per run", total));
        }
    }
}
