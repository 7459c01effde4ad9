package dev.threadline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadline.application.port.Maintenance;
import dev.threadline.application.usage.ReportUsage;
import dev.threadline.application.usage.UsageReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code usage} and {@code compact}: where the bytes are, and giving free space back. */
final class StorageCommands {

    private StorageCommands() {}

    @Command(
            name = "usage",
            description = "Shows where the bytes are: size, free space, tables, and the largest threads and"
                    + " projects. Reads only.")
    static final class Usage extends StoreCommand {
        @Option(
                names = "--top",
                paramLabel = "N",
                defaultValue = "" + ReportUsage.DEFAULT_TOP,
                description = "How many threads and projects to list (default: ${DEFAULT-VALUE}).")
        int top;

        @Override
        int run(Session session, Output output) {
            if (top < 0) {
                throw CliFailure.usage("--top must be 0 or more, not " + top);
            }
            UsageReport report = session.usage(top);
            if (output.json()) {
                output.json(json(output, report));
            } else {
                print(output, report, session.maintenance().onServer());
            }
            return ExitCode.OK;
        }

        private static ObjectNode json(Output output, UsageReport report) {
            ObjectNode node = output.object()
                    .put("location", report.location())
                    .put("bytes", report.bytes())
                    .put("freeBytes", report.freeBytes());
            if (report.availableBytes().isPresent()) {
                node.put("availableBytes", report.availableBytes().getAsLong());
            } else {
                node.putNull("availableBytes");
            }
            node.put("events", report.events()).put("eventBytes", report.eventBytes());
            ArrayNode tables = node.putArray("tables");
            for (Maintenance.TableSize table : report.tables()) {
                tables.add(output.object()
                        .put("name", table.name())
                        .put("bytes", table.bytes())
                        .put("rows", table.rows()));
            }
            ArrayNode threads = node.putArray("threads");
            for (UsageReport.ThreadUsage thread : report.threads()) {
                threads.add(output.object()
                        .put("threadId", thread.threadId())
                        .put("projectId", Output.text(thread.projectId()))
                        .put("title", thread.title())
                        .put("events", thread.events())
                        .put("bytes", thread.bytes()));
            }
            ArrayNode projects = node.putArray("projects");
            for (UsageReport.ProjectUsage project : report.projects()) {
                projects.add(output.object()
                        .put("projectId", project.projectId().toString())
                        .put("name", project.name())
                        .put("threads", project.threads())
                        .put("events", project.events())
                        .put("bytes", project.bytes()));
            }
            return node;
        }

        private static void print(Output output, UsageReport report, boolean onServer) {
            String available = report.availableBytes().isPresent()
                    ? "; " + bytes(report.availableBytes().getAsLong()) + " available on its file system"
                    : "";
            output.line("The store at " + report.location() + " takes " + bytes(report.bytes()) + ", of which "
                    + bytes(report.freeBytes())
                    + (onServer
                            ? " is the space of deleted rows, which compact makes reusable by new rows (the server"
                                    + " keeps its files' size)"
                            : " is free space that compact gives back")
                    + available + ".");
            output.line("Its log holds " + count(report.events()) + " event(s) in " + bytes(report.eventBytes())
                    + " (every stored field, indexes not counted).");
            if (!report.tables().isEmpty()) {
                output.line("");
                List<List<String>> rows = new ArrayList<>();
                for (Maintenance.TableSize table : report.tables()) {
                    rows.add(List.of(table.name(), bytes(table.bytes()), count(table.rows())));
                }
                output.table(List.of("TABLE", "BYTES", "ROWS"), rows);
            }
            if (!report.threads().isEmpty()) {
                output.line("");
                List<List<String>> rows = new ArrayList<>();
                for (UsageReport.ThreadUsage thread : report.threads()) {
                    rows.add(List.of(
                            thread.threadId(),
                            bytes(thread.bytes()),
                            count(thread.events()),
                            thread.title() == null ? "(unknown thread)" : thread.title()));
                }
                output.table(List.of("THREAD", "BYTES", "EVENTS", "TITLE"), rows);
            }
            if (!report.projects().isEmpty()) {
                output.line("");
                List<List<String>> rows = new ArrayList<>();
                for (UsageReport.ProjectUsage project : report.projects()) {
                    rows.add(List.of(
                            project.projectId().toString(),
                            bytes(project.bytes()),
                            count(project.events()),
                            count(project.threads()),
                            project.name() == null ? "(unknown project)" : project.name()));
                }
                output.table(List.of("PROJECT", "BYTES", "EVENTS", "THREADS", "NAME"), rows);
            }
        }
    }

    @Command(
            name = "compact",
            description = "Gives back the store's free space (VACUUM) and prints the size before and after;"
                    + " waits for other writers.")
    static final class Compact extends StoreCommand {
        @Mixin
        CommandIdOption commandId = new CommandIdOption();

        @Override
        int run(Session session, Output output) {
            Maintenance.Compaction compaction = session.lifecycle().upkeep().compact(commandId.checked());
            if (output.json()) {
                output.json(output.object()
                        .put("location", session.maintenance().location())
                        .put("bytesBefore", compaction.before())
                        .put("bytesAfter", compaction.after())
                        .put("reclaimedBytes", compaction.before() - compaction.after()));
            } else {
                output.line("Compacted the store at " + session.maintenance().location() + ": "
                        + bytes(compaction.before()) + " before, " + bytes(compaction.after()) + " after ("
                        + bytes(Math.max(0, compaction.before() - compaction.after())) + " given back"
                        + (session.maintenance().onServer()
                                ? "; the space of deleted rows is now reusable by new rows, and the server keeps"
                                        + " its files' size"
                                : "")
                        + ").");
            }
            return ExitCode.OK;
        }
    }

    /** A byte count as a person reads it: 512 B, 3.4 KiB, 18.5 MiB, 2.0 GiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
