package dev.threadline.cli;

import java.util.List;
import java.util.function.Consumer;

/** Runs the benchmark scenarios for {@code bench}; the composition root supplies it. */
@FunctionalInterface
public interface BenchRunner {

    /**
     * Runs the benchmark scenarios on a scratch store in a temporary directory, beside a raw JDBC
     * baseline, and deletes it afterwards.
     *
     * @param events the size of the large scenarios
     * @param progress told what is being measured
     */
    List<BenchResult> run(int events, Consumer<String> progress);
}
