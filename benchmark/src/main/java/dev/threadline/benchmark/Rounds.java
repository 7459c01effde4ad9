package dev.threadline.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the throughput scenarios measure: discarded warm-up rounds of every side, then rounds that
 * run every side once, each round starting with the next side, so that machine noise hits all
 * alike; the median rate of each side is reported.
 */
final class Rounds {

    static final int REPETITIONS = 5;
    /** Discarded rounds of each side first, at least. */
    static final int WARM_UP_ROUNDS = 2;
    /** Discarded rounds of each side at most, when the JIT compiler does not settle sooner. */
    static final int MAX_WARM_UP_ROUNDS = 12;
    /**
     * The JIT compiler has settled when it compiled during less than this share of a warm-up
     * round's time: it runs beside the measured code, on the same two cores.
     */
    static final double SETTLED_COMPILING = 0.05;

    private Rounds() {}

    /** One side's work for one round. */
    @FunctionalInterface
    interface Round {
        void run() throws SQLException;
    }

    /** Threadline beside one baseline, {@link #REPETITIONS} rounds. */
    static Rates measure(long perRound, Round threadline, Round baseline) throws SQLException {
        return measure(perRound, threadline, baseline, REPETITIONS);
    }

    /** Threadline beside one baseline. */
    static Rates measure(long perRound, Round threadline, Round baseline, int repetitions) throws SQLException {
        double[] medians = measureSides(perRound, repetitions, threadline, baseline);
        return new Rates(medians[0], medians[1], Double.NaN);
    }

    /** Threadline beside raw inserts and the floor; the rates in that order. */
    static Rates measureWithFloor(long perRound, Round threadline, Round raw, Round floor) throws SQLException {
        double[] medians = measureSides(perRound, REPETITIONS, threadline, raw, floor);
        return new Rates(medians[0], medians[1], medians[2]);
    }

    /** The median rate of each side, in the order given, over {@code repetitions} measured rounds. */
    static double[] measureSides(long perRound, int repetitions, Round... sides) throws SQLException {
        warmUp(WARM_UP_ROUNDS, sides);
        double[][] rates = new double[sides.length][repetitions];
        for (int r = 0; r < repetitions; r++) {
            for (int i = 0; i < sides.length; i++) {
                int side = (r + i) % sides.length;
                long start = System.nanoTime();
                sides[side].run();
                rates[side][r] = rate(perRound, System.nanoTime() - start);
            }
        }
        double[] medians = new double[sides.length];
        for (int side = 0; side < sides.length; side++) {
            medians[side] = median(rates[side]);
        }
        return medians;
    }

    /**
     * Runs every side in discarded rounds until the JIT compiler has settled: at least {@code
     * minimum}, then until a round in which it compiled for less than {@link
     * #SETTLED_COMPILING} of the round's time, {@link #MAX_WARM_UP_ROUNDS} at most. A throughput
     * measured while the compiler still works is the compiler's, not the code's: on two cores, a
     * command path of a few thousand methods compiled for seconds (C2) beside the commands it
     * measured, and the database server, competing for the same cores, with them.
     */
    static void warmUp(int minimum, Round... sides) throws SQLException {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        boolean timed = compiler != null && compiler.isCompilationTimeMonitoringSupported();
        for (int round = 0; round < MAX_WARM_UP_ROUNDS; round++) {
            long compiled = timed ? compiler.getTotalCompilationTime() : 0;
            long start = System.nanoTime();
            for (Round side : sides) {
                side.run();
            }
            double millis = (System.nanoTime() - start) / 1e6;
            boolean settled = !timed || compiler.getTotalCompilationTime() - compiled < SETTLED_COMPILING * millis;
            if (round + 1 >= minimum && settled) {
                return;
            }
        }
    }

    static double rate(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * Median rates of Threadline, the raw baseline and the floor (the hand-written least writes of
     * a command; NaN when not measured).
     */
    record Rates(double threadline, double raw, double floor) {

        /** A result whose target is a ratio to the raw baseline. */
        BenchmarkResult againstRaw(String scenario, String description, String target, double minimum, String detail) {
            return result(scenario, description, raw, target, minimum, detail);
        }

        /** A result whose target is a ratio to the floor; raw inserts are shown beside it. */
        BenchmarkResult againstFloor(String scenario, String description, String target, double minimum, String raws) {
            String detail = String.format(
                    Locale.ROOT,
                    "baseline: the least a command must write, by hand in raw JDBC (event, message row, search"
                            + " document and index entry, receipt; thread row and position per transaction) ="
                            + " %.2f× %s (%,.0f/s); Threadline %.2f× raw",
                    floor / raw,
                    raws,
                    raw,
                    threadline / raw);
            return result(scenario, description, floor, target, minimum, detail);
        }

        private BenchmarkResult result(
                String scenario, String description, double baseline, String target, double minimum, String detail) {
            double ratio = baseline == 0 ? 0 : threadline / baseline;
            return new BenchmarkResult(
                    scenario,
                    description,
                    "events/s",
                    threadline,
                    baseline,
                    ratio,
                    target,
                    Double.isNaN(minimum) ? null : ratio >= minimum,
                    detail);
        }
    }
}
