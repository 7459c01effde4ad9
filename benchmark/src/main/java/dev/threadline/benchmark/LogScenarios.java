package dev.threadline.benchmark;

import static dev.threadline.benchmark.Fixtures.BATCH;
import static dev.threadline.benchmark.Fixtures.DELTA;

import dev.threadline.benchmark.Rounds.Rates;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.sqlite.SqliteDatabase;
import dev.threadline.sqlite.SqliteOptions;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The event log alone: {@code batch-append} and {@code replay} of what it appended. */
final class LogScenarios {

    private final Scratch scratch;
    private final SqliteOptions normal = SqliteOptions.defaults();

    LogScenarios(Scratch scratch) {
        this.scratch = scratch;
    }

    /** {@code EventStore.append} of 1,000 events per transaction into a store the replay reads. */
    BenchmarkResult batchAppend(Path threadlineStore, int events) throws SQLException {
        scratch.progress("event store batch append, " + events + " events");
        int perRound = Math.max(1, events / Rounds.REPETITIONS);
        Path rawFile = scratch.newRawFile();
        try (BenchmarkedStore store = scratch.open(threadlineStore, normal);
                RawJdbc raw = RawJdbc.create(rawFile, normal)) {
            Rates rates = Rounds.measure(
                    perRound,
                    () -> {
                        for (int done = 0; done < perRound; done += BATCH) {
                            ThreadId thread = Fixtures.IDS.threadId();
                            MessageId message = Fixtures.IDS.messageId();
                            List<NewEvent> batch = new ArrayList<>(BATCH);
                            for (int i = 0; i < Math.min(BATCH, perRound - done); i++) {
                                batch.add(Fixtures.IDS.newEvent(
                                        new MessageDeltaAppended(thread, message, DELTA, Instant.now())));
                            }
                            store.events().append(AppendBatch.of(batch));
                        }
                    },
                    () -> raw.appendBatches(perRound, BATCH, DELTA));
            return rates.againstRaw(
                    "batch-append",
                    "event store append, 1,000 events per transaction",
                    "≥ 0.9× raw",
                    0.9,
                    String.format(
                            Locale.ROOT,
                            "%,d events per run; %,d bytes an event in the store (raw %,d)",
                            perRound,
                            RawReads.bytesPerEvent(threadlineStore.resolve(SqliteDatabase.FILE_NAME), normal),
                            RawReads.bytesPerEvent(rawFile, normal)));
        }
    }

    /** {@code replayAll()} of a whole store, decoded, beside a raw read and Jackson decode of the same file. */
    BenchmarkResult replay(Path threadlineStore) throws SQLException {
        Path file = threadlineStore.resolve(SqliteDatabase.FILE_NAME);
        try (BenchmarkedStore store = scratch.open(threadlineStore, normal)) {
            long total = store.events().lastSequence();
            scratch.progress("replay with decoding, " + total + " events");
            Rates rates = Rounds.measure(
                    total,
                    () -> {
                        try (Stream<StoredEvent> all = store.events().replayAll()) {
                            long count = all.count();
                            if (count != total) {
                                throw new IllegalStateException("replayed " + count + " of " + total);
                            }
                        }
                    },
                    () -> RawReads.replay(file, normal));
            return rates.againstRaw(
                    "replay",
                    "replay of the whole log, decoded (baseline: read + Jackson)",
                    "≥ 1.0× raw",
                    1.0,
                    String.format(Locale.ROOT, "%,d events per run", total));
        }
    }
}
