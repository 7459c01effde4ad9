package dev.threadline.benchmark;

/**
 * One scenario measured: Threadline beside the raw JDBC baseline.
 *
 * <p>The command line prints a twin of this record ({@code BenchResult}, its port's type): the
 * benchmark measures stores without seeing the command line, and the command line prints without
 * seeing the benchmark, so the composition root copies one into the other.
 *
 * @param scenario a short stable name
 * @param description what was measured
 * @param unit the unit of the two figures (events/s, events, …)
 * @param threadline Threadline's figure (median of the repetitions)
 * @param baseline the raw JDBC baseline's figure on the same schema (and pragmas)
 * @param ratio the figure the target is stated on (usually threadline / baseline)
 * @param target the target, or an empty text when there is none
 * @param met whether the target is met; null when there is no target
 * @param detail further figures (counts, bytes, first/last costs)
 */
public record BenchmarkResult(
        String scenario,
        String description,
        String unit,
        double threadline,
        double baseline,
        double ratio,
        String target,
        Boolean met,
        String detail) {}
