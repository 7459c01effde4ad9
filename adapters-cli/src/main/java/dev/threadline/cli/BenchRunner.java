package dev.threadline.cli;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Runs the benchmark scenarios for {@code bench}; the composition root supplies it. */
public interface BenchRunner {

    /**
     * Runs the benchmark scenarios on a scratch store in a temporary directory, beside a raw JDBC
     * baseline, and deletes it afterwards.
     *
     * @param events the size of the large scenarios
     * @param scenarios the names of the scenarios to run, or none for every one
     * @param progress told what is being measured
     * @throws IllegalArgumentException when a name is not a scenario's
     */
    List<BenchResult> run(int events, Set<String> scenarios, Consumer<String> progress);

    /**
     * Runs the scenarios that apply on scratch schemas of a PostgreSQL database, beside raw pgjdbc
     * and the floor on the same server, and drops them afterwards.
     *
     * @param events the size of the large scenarios
     * @param database the database URL
     * @param progress told what is being measured
     */
    List<BenchResult> run(int events, String database, Consumer<String> progress);
}
