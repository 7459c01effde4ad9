package dev.threadline.benchmark;

import dev.threadline.sqlite.SqliteOptions.Synchronous;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code threadline bench}: the performance scenarios on scratch stores, each measured beside a raw
 * sqlite-jdbc baseline ({@link RawJdbc}) on the same schema, pragmas, payload size and id kind, and
 * the command scenarios beside the floor, the least a command must write. The scenarios live in
 * classes of their own, by family; this class runs the ones asked for, in a fixed order, in a
 * temporary directory deleted afterwards.
 */
public final class Benchmark {

    /** Every scenario's name, in the order they run. */
    public static final List<String> SCENARIOS = List.of(
            "batch-append",
            "pipeline-batched",
            "single-normal",
            "single-full",
            "concurrent-commands",
            "replay",
            "rebuild",
            "deltas",
            "streamed-answer",
            "message-bytes",
            "search",
            "fork",
            "checkpoint");

    private final StoreFactory factory;
    private final Path directory;
    private final int events;
    private final Consumer<String> progress;
    private final Set<String> only;
    private int stores;

    private Benchmark(StoreFactory stores, Path directory, int events, Set<String> only, Consumer<String> progress) {
        this.factory = stores;
        this.directory = directory;
        this.events = events;
        this.only = only;
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
        return run(stores, events, Set.of(), progress);
    }

    /**
     * Runs the named scenarios (every one when none is named) in a new temporary directory,
     * deleted afterwards. A scenario that reads another's store ({@code replay}, {@code rebuild})
     * runs that one first, unreported.
     *
     * @param stores opens the store under test in a scratch directory
     * @param events the number of events of the large scenarios (batch append, pipeline, replay)
     * @param scenarios the names of {@link #SCENARIOS} to run, or none for all
     * @param progress told the name of each scenario as it starts
     * @throws IllegalArgumentException when a name is not a scenario's
     */
    public static List<BenchmarkResult> run(
            StoreFactory stores, int events, Set<String> scenarios, Consumer<String> progress) {
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException(
                        "unknown scenario '" + scenario + "'; the scenarios are " + String.join(", ", SCENARIOS));
            }
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("threadline-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for the benchmark", e);
        }
        try {
            return new Benchmark(stores, directory, events, scenarios, progress).all();
        } catch (SQLException e) {
            throw new IllegalStateException("the baseline failed: " + e.getMessage(), e);
        } finally {
            delete(directory);
        }
    }

    private boolean wanted(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    private List<BenchmarkResult> all() throws SQLException {
        Scratch scratch = new Scratch(factory, this::store, progress);
        LogScenarios log = new LogScenarios(scratch);
        CommandScenarios commands = new CommandScenarios(scratch);
        StreamingScenarios streaming = new StreamingScenarios(scratch);
        List<BenchmarkResult> results = new ArrayList<>();
        Path logStore = store();
        if (wanted("batch-append") || wanted("replay")) {
            keep(results, "batch-append", log.batchAppend(logStore, events));
        }
        Path pipelineStore = store();
        if (wanted("pipeline-batched") || wanted("rebuild")) {
            keep(results, "pipeline-batched", commands.pipeline(pipelineStore, events));
        }
        if (wanted("single-normal")) {
            results.add(commands.singles(Synchronous.NORMAL, Math.max(1_000, events / 20)));
        }
        if (wanted("single-full")) {
            results.add(commands.singles(Synchronous.FULL, Math.max(200, events / 100)));
        }
        if (wanted("concurrent-commands")) {
            results.add(ConcurrentCommands.measure(scratch, events));
        }
        if (wanted("replay")) {
            results.add(log.replay(logStore));
        }
        if (wanted("rebuild")) {
            results.add(commands.rebuild(pipelineStore));
        }
        if (wanted("deltas")) {
            results.add(streaming.deltas(events));
        }
        if (wanted("streamed-answer")) {
            results.add(streaming.streamedAnswer());
        }
        if (wanted("message-bytes")) {
            results.add(streaming.messageBytes());
        }
        if (wanted("search")) {
            progress.accept("search, " + Math.min(events, SearchScenario.MESSAGES) + " messages");
            results.add(SearchScenario.run(factory, store(), Math.min(events, SearchScenario.MESSAGES)));
        }
        if (wanted("fork")) {
            progress.accept("fork of a thread holding 10 MB");
            results.add(ForkScenario.run(
                    factory, store(), Math.min(ForkScenario.PARENT_BYTES, Math.max(64 * 1024L, events * 100L))));
        }
        if (wanted("checkpoint")) {
            results.add(CheckpointCapture.measure(this::store, progress));
        }
        return results;
    }

    /** Reports a scenario's result only when it was asked for (it may run for another's store). */
    private void keep(List<BenchmarkResult> results, String scenario, BenchmarkResult result) {
        if (wanted(scenario)) {
            results.add(result);
        }
    }

    private Path store() {
        Path store = directory.resolve("store-" + ++stores);
        try {
            return Files.createDirectories(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
