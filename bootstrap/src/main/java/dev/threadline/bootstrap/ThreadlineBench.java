package dev.threadline.bootstrap;

import dev.threadline.benchmark.Benchmark;
import dev.threadline.benchmark.BenchmarkResult;
import dev.threadline.benchmark.PostgresBenchmark;
import dev.threadline.cli.BenchResult;
import dev.threadline.cli.BenchRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The command line's {@code bench}: the benchmark scenarios on {@link Threadline} stores. */
final class ThreadlineBench implements BenchRunner {

    /** The runner {@code Main} wires into the command line. */
    static final BenchRunner RUNNER = new ThreadlineBench();

    private ThreadlineBench() {}

    @Override
    public List<BenchResult> run(int events, Set<String> scenarios, Consumer<String> progress) {
        return Benchmark.run(
                        (directory, sqlite) -> Threadline.open(
                                directory, Threadline.Options.defaults().withSqlite(sqlite)),
                        events,
                        scenarios,
                        progress)
                .stream()
                .map(ThreadlineBench::toCli)
                .toList();
    }

    @Override
    public List<BenchResult> run(int events, String database, Consumer<String> progress) {
        return PostgresBenchmark.run(
                        url -> Threadline.open(
                                Path.of(System.getProperty("java.io.tmpdir"), "threadline-bench-local"),
                                url,
                                Threadline.Options.defaults()),
                        database,
                        events,
                        progress)
                .stream()
                .map(ThreadlineBench::toCli)
                .toList();
    }

    private static BenchResult toCli(BenchmarkResult r) {
        return new BenchResult(
                r.scenario(),
                r.description(),
                r.unit(),
                r.threadline(),
                r.baseline(),
                r.ratio(),
                r.target(),
                r.met(),
                r.detail());
    }
}
