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

    /**
     * Runs the scenarios that apply on scratch schemas of a PostgreSQL database, beside raw pgjdbc
     * and the floor on the same server, and drops them afterwards.
     *
     * @param database the database URL
     */
    default List<BenchResult> run(int events, String database, Consumer<String> progress) {
        throw new dev.threadline.domain.error.InvalidInput("this build benchmarks no --database");
    }
}
