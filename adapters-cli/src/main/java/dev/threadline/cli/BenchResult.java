package dev.threadline.cli;

/**
 * One scenario of {@code threadline bench}: Threadline beside the raw JDBC baseline.
 *
 * <p>The command line's own view of a result, the type of its {@link BenchRunner} port: the
 * {@code benchmark} module has its twin, {@code BenchmarkResult}, because neither adapter may see
 * the other's classes; the composition root copies one into the other.
 *
 * @param scenario a short stable name, the key of its JSON object
 * @param description what was measured
 * @param unit the unit of the two figures (events/s, events, …)
 * @param threadline Threadline's figure (median of the repetitions)
 * @param baseline the raw sqlite-jdbc baseline's figure on the same schema and pragmas
 * @param ratio the figure the target is stated on (usually threadline / baseline)
 * @param target the target (docs/performance.md), or an empty text when there is none
 * @param met whether the target is met; null when there is no target
 * @param detail further figures (counts, bytes, first/last costs)
 */
public record BenchResult(
        String scenario,
        String description,
        String unit,
        double threadline,
        double baseline,
        double ratio,
        String target,
        Boolean met,
        String detail) {}
