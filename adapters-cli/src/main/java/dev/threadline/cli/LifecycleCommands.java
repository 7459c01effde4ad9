package dev.threadline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadline.application.lifecycle.PurgeOptions;
import dev.threadline.application.lifecycle.PurgePlan;
import dev.threadline.application.lifecycle.PurgedThread;
import dev.threadline.application.lifecycle.RetentionPolicy;
import dev.threadline.application.lifecycle.RetentionSweep;
import dev.threadline.application.lifecycle.SweepResult;
import dev.threadline.domain.id.ThreadId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code thread purge} and the retention sweep {@code purge}: they parse and print, the lifecycle use cases work. */
final class LifecycleCommands {

    private LifecycleCommands() {}

    @Command(
            name = "purge",
            description = "Removes an archived or deleted thread for good: its events are archived first (export"
                    + " format, owner-only), then removed with its read-model rows in one transaction.")
    static final class ThreadPurge extends StoreCommand {
        @Parameters(paramLabel = "ID")
        ThreadId id;

        @Option(names = "--dry-run", description = "Print what would go (events, bytes, archive) and change nothing.")
        boolean dryRun;

        @ArgGroup(exclusive = true)
        ArchiveChoice archive;

        @Mixin
        CommandIdOption commandId = new CommandIdOption();

        static final class ArchiveChoice {
            @Option(
                    names = "--archive-to",
                    paramLabel = "FILE",
                    description = "Archive to this new file instead of DIR/archives/; an existing file is never"
                            + " overwritten.")
            Path file;

            @Option(names = "--no-archive", description = "Keep no archive: the thread cannot be restored.")
            boolean none;
        }

        @Override
        int run(Session session, Output output) {
            PurgeOptions options = archive == null
                    ? PurgeOptions.defaults()
                    : archive.none ? PurgeOptions.withoutArchive() : PurgeOptions.archiveTo(archive.file);
            String receiptId = commandId.checked();
            if (dryRun) {
                PurgePlan plan = session.lifecycle().purge().plan(id, options);
                if (output.json()) {
                    output.json(plan(output, plan).put("dryRun", true).putNull("lastSequence"));
                } else {
                    output.line("Would purge thread " + id + " (" + plan.title() + "): " + plan.events()
                            + " event(s), " + plan.bytes() + " bytes; "
                            + (plan.archive() == null ? "no archive." : "archive " + plan.archive() + "."));
                }
                return ExitCode.OK;
            }
            PurgedThread purged = session.lifecycle().purge().purge(id, options, receiptId);
            if (output.json()) {
                output.json(purged(output, purged).put("dryRun", false).put("lastSequence", purged.sequence()));
            } else {
                PurgePlan plan = purged.plan();
                output.line("Purged thread " + id + ": " + plan.events() + " event(s), " + plan.bytes()
                        + " bytes removed at sequence " + purged.sequence() + "; "
                        + (plan.archive() == null
                                ? "no archive kept."
                                : "archive " + plan.archive() + " (sha256 " + purged.archiveSha256() + ")."));
            }
            snapshotProblem(purged);
            return ExitCode.OK;
        }

        private void snapshotProblem(PurgedThread purged) {
            if (purged.snapshotProblem() != null) {
                root().err()
                        .println("threadline: the thread's workspace snapshots were kept: " + purged.snapshotProblem());
            }
        }
    }

    @Command(
            name = "purge",
            description = "Retention sweep: purges every thread archived or deleted (and unchanged) longer ago than"
                    + " AGE, each archived first and in a transaction of its own. Runs only when invoked.")
    static final class Sweep extends StoreCommand {
        @Option(
                names = "--archived-before",
                paramLabel = "AGE",
                description = "Purge archived threads older than AGE: 30d, 12h, or an ISO date.")
        String archivedBefore;

        @Option(
                names = "--deleted-before",
                paramLabel = "AGE",
                description = "Purge deleted threads older than AGE: 30d, 12h, or an ISO date.")
        String deletedBefore;

        @Option(names = "--dry-run", description = "Print what would go and change nothing.")
        boolean dryRun;

        @Mixin
        CommandIdOption commandId = new CommandIdOption();

        @Override
        int run(Session session, Output output) {
            RetentionPolicy policy = policy();
            String receiptId = commandId.checked();
            RetentionSweep sweep = session.lifecycle().sweep();
            SweepResult result;
            try (Progress progress = new Progress(root().err(), "purge", sweep.count(policy))) {
                result = sweep.sweep(policy, false, dryRun, done -> progress.accept(done), receiptId);
            }
            if (output.json()) {
                ObjectNode node = output.object()
                        .put("dryRun", dryRun)
                        .put(
                                "threads",
                                dryRun
                                        ? result.planned().size()
                                        : result.purged().size())
                        .put("events", result.events())
                        .put("bytes", result.bytes());
                var threads = output.array();
                if (dryRun) {
                    result.planned().forEach(plan -> threads.add(plan(output, plan)));
                } else {
                    result.purged().forEach(purged -> threads.add(purged(output, purged)));
                }
                node.set(dryRun ? "planned" : "purged", threads);
                var kept = output.array();
                result.kept()
                        .forEach(k -> kept.add(output.object()
                                .put("threadId", k.threadId().toString())
                                .put("reason", k.reason())));
                node.set("kept", kept);
                // The sweep's last write is its last purge; a dry run or a sweep that purged nothing wrote nothing.
                result.purged().stream()
                        .mapToLong(PurgedThread::sequence)
                        .max()
                        .ifPresentOrElse(last -> node.put("lastSequence", last), () -> node.putNull("lastSequence"));
                output.json(node);
            } else {
                List<List<String>> rows = new ArrayList<>();
                List<PurgePlan> plans = dryRun
                        ? result.planned()
                        : result.purged().stream().map(PurgedThread::plan).toList();
                for (PurgePlan plan : plans) {
                    rows.add(List.of(
                            plan.threadId().toString(),
                            plan.title(),
                            Long.toString(plan.events()),
                            Long.toString(plan.bytes()),
                            plan.archive() == null ? "-" : plan.archive().toString()));
                }
                if (!rows.isEmpty()) {
                    output.table(List.of("THREAD", "TITLE", "EVENTS", "BYTES", "ARCHIVE"), rows);
                }
                output.line((dryRun ? "Would purge " : "Purged ") + plans.size() + " thread(s): " + result.events()
                        + " event(s), " + result.bytes() + " bytes"
                        + (result.kept().isEmpty()
                                ? "."
                                : "; kept " + result.kept().size() + "."));
            }
            for (SweepResult.Kept kept : result.kept()) {
                root().err().println("threadline: kept thread " + kept.threadId() + ": " + kept.reason());
            }
            return result.kept().isEmpty() ? ExitCode.OK : ExitCode.REFUSED;
        }

        private RetentionPolicy policy() {
            if (archivedBefore == null && deletedBefore == null) {
                throw CliFailure.usage("purge needs --archived-before AGE, --deleted-before AGE or both");
            }
            return RetentionPolicy.of(archivedBefore, deletedBefore, Instant.now());
        }
    }

    private static ObjectNode plan(Output output, PurgePlan plan) {
        ObjectNode node = output.object()
                .put("threadId", plan.threadId().toString())
                .put("projectId", plan.projectId().toString())
                .put("title", plan.title())
                .put("events", plan.events())
                .put("bytes", plan.bytes());
        return plan.archive() == null
                ? node.putNull("archive")
                : node.put("archive", plan.archive().toString());
    }

    private static ObjectNode purged(Output output, PurgedThread purged) {
        return plan(output, purged.plan())
                .put("archiveSha256", purged.archiveSha256())
                .put("sequence", purged.sequence());
    }
}
