package dev.threadline.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: throughput on a scratch store, beside a raw JDBC baseline (targets in docs/performance.md). */
@Command(
        name = "bench",
        description = "Measures throughput on a scratch store in a temporary directory, beside a raw sqlite-jdbc "
                + "baseline on the same schema and pragmas, and checks the targets listed in docs/performance.md.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--events",
            paramLabel = "N",
            description = "Events in the large scenarios (default: ${DEFAULT-VALUE}).",
            defaultValue = "120000")
    int events;

    @Option(
            names = "--scenario",
            paramLabel = "S",
            description = "Runs only this scenario (repeatable; default: every one), e.g. single-normal.")
    List<String> scenarios = new ArrayList<>();

    @Override
    public Integer call() {
        ThreadlineCli root = (ThreadlineCli) spec.root().userObject();
        if (events < 1_000) {
            throw new IllegalArgumentException("--events must be at least 1000");
        }
        Output output = root.output();
        Consumer<String> progress = step -> {
            if (!output.json()) {
                root.err().println("bench: " + step);
            }
        };
        List<BenchResult> results = root.database == null
                ? root.bench().run(events, new LinkedHashSet<>(scenarios), progress)
                : root.bench().run(events, root.database, progress);
        if (output.json()) {
            for (BenchResult r : results) {
                var node = output.object()
                        .put("scenario", r.scenario())
                        .put("description", r.description())
                        .put("unit", r.unit())
                        .put("threadline", round(r.threadline()))
                        .put("baseline", round(r.baseline()))
                        .put("ratio", round(r.ratio()))
                        .put("target", r.target());
                if (r.met() == null) {
                    node.putNull("met");
                } else {
                    node.put("met", r.met());
                }
                output.json(node.put("detail", r.detail()));
            }
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (BenchResult r : results) {
                rows.add(List.of(
                        r.scenario(),
                        figure(r.threadline()) + " " + r.unit(),
                        figure(r.baseline()),
                        String.format(Locale.ROOT, "%.2f", r.ratio()),
                        r.target().isEmpty() ? "-" : r.target(),
                        r.met() == null ? "-" : r.met() ? "met" : "NOT MET",
                        r.detail()));
            }
            output.table(List.of("SCENARIO", "THREADLINE", "RAW JDBC", "RATIO", "TARGET", "", "DETAIL"), rows);
        }
        return ExitCode.OK;
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000.0) / 1000.0 : 0;
    }

    private static String figure(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
