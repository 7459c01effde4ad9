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
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
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
 * by hand, nothing read or decided. Both scratch schemas are dropped afterwards.
 */
public final class PostgresBenchmark {

    private static final IdSource IDS = IdSource.timeOrdered();
    private static final int BATCH = 1_000;
    private static final int REPETITIONS = 5;
    private static final int THREADS = 8;
    private static final String TEXT = "streamed text of an assistant answer, token after token, "
            .repeat(2)
            .substring(0, 90);
    private static final String INSERT_EVENT = "INSERT INTO events (sequence, event_id, stream_id, stream_version,"
            + " event_type, occurred_at, recorded_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final Function<String, BenchmarkedStore> open;
    private final PostgresLocation server;
    private final int events;
    private final Consumer<String> progress;
    private final List<String> schemas = new ArrayList<>();
    private long rawSequence;

    private PostgresBenchmark(
            Function<String, BenchmarkedStore> open, PostgresLocation server, int events, Consumer<String> progress) {
        this.open = open;
        this.server = server;
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
            bench.dropSchemas();
        }
    }

    private List<BenchmarkResult> all() throws SQLException {
        return List.of(batchAppend(), commands(BATCH, "pipeline-batched"), commands(1, "single"), concurrent());
    }

    private PostgresLocation scratch() {
        String schema = "threadline_bench_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        schemas.add(schema);
        return server.withSchema(schema);
    }

    /** A store on a new scratch schema, and a raw connection to another, migrated the same way. */
    private BenchmarkedStore store(PostgresLocation location) {
        return open.apply(location.url());
    }

    private Connection raw(PostgresLocation location) throws SQLException {
        open.apply(location.url()).close(); // the same migrations
        Properties properties = new Properties();
        if (location.user() != null) {
            properties.setProperty("user", location.user());
        }
        if (location.password() != null) {
            properties.setProperty("password", location.password());
        }
        properties.setProperty("reWriteBatchedInserts", "true");
        Connection connection = DriverManager.getConnection(location.jdbcUrl(), properties);
        connection.setSchema(location.schema());
        connection.setAutoCommit(false);
        return connection;
    }

    private BenchmarkResult batchAppend() throws SQLException {
        int perRound = Math.max(BATCH, events / REPETITIONS / 4 / BATCH * BATCH);
        progress.accept("PostgreSQL event store batch append, " + perRound * REPETITIONS + " events");
        try (BenchmarkedStore store = store(scratch());
                Connection raw = raw(scratch())) {
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
                    () -> rawBatches(raw, perRound));
            return result(
                    "pg-batch-append",
                    "PostgreSQL event store append, 1,000 events per transaction",
                    rates[0],
                    rates[1],
                    0.8,
                    "vs raw pgjdbc inserts batched 1,000 per transaction");
        }
    }

    private void rawBatches(Connection raw, int count) throws SQLException {
        try (PreparedStatement insert = raw.prepareStatement(INSERT_EVENT)) {
            String stream = UUID.randomUUID().toString();
            for (int i = 0; i < count; i++) {
                bindEvent(insert, stream, i);
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                    raw.commit();
                }
            }
            insert.executeBatch();
            raw.commit();
        }
    }

    private void bindEvent(PreparedStatement insert, String stream, long version) throws SQLException {
        String at = Instant.now().toString();
        insert.setLong(1, ++rawSequence);
        insert.setString(2, UUID.randomUUID().toString());
        insert.setString(3, stream);
        insert.setLong(4, version);
        insert.setString(5, "MessageAdded");
        insert.setString(6, at);
        insert.setString(7, at);
        insert.setString(8, "{\"type\":\"MessageAdded\",\"text\":\"" + TEXT + "\"}");
    }

    private BenchmarkResult commands(int perTransaction, String scenario) throws SQLException {
        int perRound = perTransaction == 1 ? Math.max(200, events / 200) : Math.max(BATCH, events / 40 / BATCH * BATCH);
        progress.accept("PostgreSQL commands, " + perTransaction + " per transaction, " + perRound * REPETITIONS);
        try (BenchmarkedStore store = store(scratch());
                Connection floor = raw(scratch())) {
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
                        floorCommands(floor, ids[1], perRound, perTransaction);
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

    /** The least a command writes, by hand: event, message, thread, search and receipt rows; a position per transaction. */
    private void floorCommands(Connection raw, long firstId, int count, int perTransaction) throws SQLException {
        String thread = UUID.randomUUID().toString();
        try (PreparedStatement event = raw.prepareStatement(INSERT_EVENT);
                PreparedStatement message = raw.prepareStatement("INSERT INTO projection_messages (message_id,"
                        + " thread_id, turn_id, ordinal, role, text, streaming, created_at, updated_at) VALUES (?, ?,"
                        + " ?, ?, 'user', ?, 0, ?, ?)");
                PreparedStatement threadRow = raw.prepareStatement("INSERT INTO projection_threads (thread_id,"
                        + " project_id, title, model, created_at, last_activity_at, stream_version) VALUES (?, 'p',"
                        + " 't', 'm', ?, ?, ?) ON CONFLICT (thread_id) DO UPDATE SET message_count ="
                        + " projection_threads.message_count + 1, last_activity_at = excluded.last_activity_at,"
                        + " stream_version = excluded.stream_version");
                PreparedStatement search = raw.prepareStatement("INSERT INTO search_documents (doc_key, thread_id,"
                        + " project_id, turn_id, message_id, role, at, text, tokens) VALUES (?, ?, 'p', 't', ?,"
                        + " 'user', ?, ?, to_tsvector('simple', ?))");
                PreparedStatement receipt = raw.prepareStatement("INSERT INTO command_receipts (command_id,"
                        + " command_type, fingerprint, result, first_sequence, last_sequence, recorded_at) VALUES"
                        + " (?, 'AddMessage', 'f', '{}', ?, ?, ?)");
                PreparedStatement position = raw.prepareStatement("INSERT INTO projector_positions (projector,"
                        + " position) VALUES ('read-model', ?) ON CONFLICT (projector) DO UPDATE SET position ="
                        + " excluded.position")) {
            for (int i = 0; i < count; i++) {
                String at = Instant.now().toString();
                String id = UUID.randomUUID().toString();
                bindEvent(event, thread, i);
                event.executeUpdate();
                message.setString(1, id);
                message.setString(2, thread);
                message.setString(3, "t");
                message.setLong(4, i);
                message.setString(5, TEXT);
                message.setString(6, at);
                message.setString(7, at);
                message.executeUpdate();
                threadRow.setString(1, thread);
                threadRow.setString(2, at);
                threadRow.setString(3, at);
                threadRow.setLong(4, i);
                threadRow.executeUpdate();
                search.setString(1, id);
                search.setString(2, thread);
                search.setString(3, id);
                search.setString(4, at);
                search.setString(5, TEXT);
                search.setString(6, TEXT);
                search.executeUpdate();
                receipt.setString(1, "floor-" + (firstId + i));
                receipt.setLong(2, rawSequence);
                receipt.setLong(3, rawSequence);
                receipt.setString(4, at);
                receipt.executeUpdate();
                if ((i + 1) % perTransaction == 0 || i == count - 1) {
                    position.setLong(1, rawSequence);
                    position.executeUpdate();
                    raw.commit();
                }
            }
        }
    }

    private BenchmarkResult concurrent() throws SQLException {
        int perThread = Math.max(25, events / 10 / REPETITIONS / THREADS);
        progress.accept("PostgreSQL concurrent commands from " + THREADS + " threads, "
                + perThread * THREADS * REPETITIONS + " commands");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        PostgresLocation rawSchema = scratch();
        List<Connection> own = new ArrayList<>();
        try (BenchmarkedStore store = store(scratch())) {
            ThreadId[] chats = new ThreadId[THREADS];
            for (int t = 0; t < THREADS; t++) {
                chats[t] = running(store);
                own.add(raw(rawSchema));
            }
            long[] commands = new long[THREADS];
            long[] rawVersions = new long[THREADS];
            String[] rawStreams = new String[THREADS];
            Arrays.setAll(rawStreams, t -> UUID.randomUUID().toString());
            double[] rates = sides(
                    (long) perThread * THREADS,
                    () -> parallel(
                            pool,
                            perThread,
                            t -> store.execute(
                                    new AddMessage(chats[t], Role.USER, TEXT, false),
                                    "concurrent-" + t + "-" + ++commands[t])),
                    () -> parallel(pool, perThread, t -> rawSingle(own.get(t), rawStreams[t], rawVersions[t]++)));
            return result(
                    "pg-concurrent-commands",
                    "PostgreSQL: " + THREADS + " threads each running commands one at a time (group commit)",
                    rates[0],
                    rates[1],
                    1.5,
                    "vs raw single-insert transactions from " + THREADS + " threads, a connection each");
        } finally {
            pool.shutdownNow();
            for (Connection connection : own) {
                connection.close();
            }
        }
    }

    private synchronized long nextRawSequence() {
        return ++rawSequence;
    }

    private void rawSingle(Connection raw, String stream, long version) throws SQLException {
        try (PreparedStatement insert = raw.prepareStatement(INSERT_EVENT)) {
            String at = Instant.now().toString();
            insert.setLong(1, nextRawSequence());
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, stream);
            insert.setLong(4, version);
            insert.setString(5, "MessageAdded");
            insert.setString(6, at);
            insert.setString(7, at);
            insert.setString(8, "{\"type\":\"MessageAdded\",\"text\":\"" + TEXT + "\"}");
            insert.executeUpdate();
            raw.commit();
        }
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

    @FunctionalInterface
    private interface Round {
        void run() throws SQLException;
    }

    /** One warm-up round of each side, then rounds alternating which side goes first; median rates. */
    private static double[] sides(long perRound, Round threadline, Round baseline) throws SQLException {
        threadline.run();
        baseline.run();
        double[][] rates = new double[2][REPETITIONS];
        Round[] both = {threadline, baseline};
        for (int r = 0; r < REPETITIONS; r++) {
            for (int i = 0; i < 2; i++) {
                int side = (r + i) % 2;
                long start = System.nanoTime();
                both[side].run();
                rates[side][r] = perRound * 1e9 / Math.max(1, System.nanoTime() - start);
            }
        }
        for (double[] side : rates) {
            Arrays.sort(side);
        }
        return new double[] {rates[0][REPETITIONS / 2], rates[1][REPETITIONS / 2]};
    }

    private static BenchmarkResult result(
            String scenario, String description, double threadline, double baseline, double minimum, String detail) {
        double ratio = baseline <= 0 ? 0 : threadline / baseline;
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

    /** The statement that drops one of the scratch schemas this class named. */
    private static String dropSchema(String schema) {
        return "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE";
    }

    private void dropSchemas() {
        Properties properties = new Properties();
        if (server.user() != null) {
            properties.setProperty("user", server.user());
        }
        if (server.password() != null) {
            properties.setProperty("password", server.password());
        }
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties);
                Statement statement = connection.createStatement()) {
            for (String drop :
                    schemas.stream().map(PostgresBenchmark::dropSchema).toList()) {
                statement.execute(drop);
            }
        } catch (SQLException e) {
            progress.accept("could not drop the scratch schemas " + schemas + ": " + e.getMessage());
        }
    }
}
