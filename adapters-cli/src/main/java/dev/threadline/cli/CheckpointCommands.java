package dev.threadline.cli;

import dev.threadline.application.checkpoint.CapturedCheckpoint;
import dev.threadline.application.checkpoint.RestoreOptions;
import dev.threadline.application.checkpoint.RestoredCheckpoint;
import dev.threadline.application.command.CreateCheckpoint;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.workspace.DiffFormat;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code checkpoint capture | create | list | diff | restore}. */
@Command(
        name = "checkpoint",
        description = "Capture, record, list, compare and restore checkpoints of a thread's workspace.")
final class CheckpointCommands extends GroupCommand {

    @Command(
            name = "capture",
            description = "Snapshots the project's workspace (in a shadow repository under the data directory, never"
                    + " your own) as a checkpoint after an ended turn; prints its id.")
    static final class Capture extends StoreCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Option(names = "--turn", paramLabel = "ID", description = "An ended turn of the thread (default: its last).")
        TurnId turn;

        @Option(names = "--message", paramLabel = "M")
        String message;

        @Mixin
        CommandIdOption commandId = new CommandIdOption();

        @Override
        int run(Session session, Output output) {
            CapturedCheckpoint captured = session.captureCheckpoint(thread, turn, message, commandId.checked());
            if (output.json()) {
                var node = output.object()
                        .put("checkpointId", captured.checkpointId().toString())
                        .put("turnId", captured.turnId().toString())
                        .put("commit", captured.commit());
                node.set("skipped", Views.skipped(output, captured.skipped()));
                node.put("lastSequence", captured.result().lastSequence());
                output.json(node);
            } else {
                output.line(captured.checkpointId().toString());
                for (CheckpointCreated.Skipped skipped : captured.skipped()) {
                    root().err().println("Left out " + skipped.path() + " (" + skipped.reason() + ").");
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "create", description = "Records the workspace after an ended turn as a git ref; prints its id.")
    static final class Create extends WriteCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Option(names = "--turn", required = true, paramLabel = "ID")
        TurnId turn;

        @Option(names = "--ref", required = true, paramLabel = "GITREF")
        String ref;

        @Option(names = "--message", required = true, paramLabel = "M")
        String message;

        @Override
        dev.threadline.application.command.Command command() {
            return new CreateCheckpoint(thread, turn, ref, message);
        }

        @Override
        String describe(CommandResult result) {
            return "Created the checkpoint.";
        }
    }

    @Command(name = "list", description = "Lists a thread's checkpoints.")
    static final class ListCheckpoints extends StoreCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Override
        int run(Session session, Output output) {
            List<CheckpointView> checkpoints = session.queries().checkpoints(thread);
            if (output.json()) {
                var array = output.array();
                checkpoints.forEach(checkpoint -> array.add(Views.checkpoint(output, checkpoint)));
                var node = output.object();
                node.set("checkpoints", array);
                output.json(node);
                return ExitCode.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            for (CheckpointView checkpoint : checkpoints) {
                rows.add(List.of(
                        checkpoint.id().toString(),
                        checkpoint.turnId().toString(),
                        checkpoint.gitRef(),
                        checkpoint.commit() == null ? "-" : checkpoint.commit().substring(0, 12),
                        Output.text(checkpoint.createdAt()),
                        checkpoint.restoredAt() == null
                                ? "-"
                                : checkpoint.restoredAt().toString(),
                        checkpoint.message()));
            }
            output.table(List.of("ID", "TURN", "REF", "COMMIT", "CREATED", "RESTORED", "MESSAGE"), rows);
            return ExitCode.OK;
        }
    }

    @Command(
            name = "diff",
            description = "Prints the difference from a checkpoint to another, or to the workspace as it is now"
                    + " (without OTHER).")
    static final class Diff extends StoreCommand {
        @Parameters(index = "0", paramLabel = "CHECKPOINT")
        CheckpointId from;

        @Parameters(index = "1", arity = "0..1", paramLabel = "OTHER")
        CheckpointId to;

        @Option(names = "--workspace", description = "Compare with the workspace as it is now (the default).")
        boolean workspace;

        @Option(names = "--stat", description = "One line per changed file, then a total.")
        boolean stat;

        @Override
        int run(Session session, Output output) {
            if (workspace && to != null) {
                throw CliFailure.usage("give OTHER or --workspace, not both");
            }
            String text = session.diffCheckpoints(from, to, stat ? DiffFormat.STAT : DiffFormat.UNIFIED);
            if (output.json()) {
                output.json(output.object()
                        .put("from", from.toString())
                        .put("to", to == null ? "workspace" : to.toString())
                        .put("format", stat ? "stat" : "unified")
                        .put("diff", text));
            } else if (!text.isEmpty()) {
                output.stream().print(text.endsWith("\n") ? text : text + "\n");
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "restore",
            description = "Makes the project's workspace equal the checkpoint's snapshot (ignored files untouched)"
                    + " and reverts the thread to it: later turns become reverted. Refuses when the workspace holds"
                    + " changes no checkpoint of the thread has, unless --force.")
    static final class Restore extends StoreCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Parameters(paramLabel = "CHECKPOINT")
        CheckpointId checkpoint;

        @Option(names = "--dry-run", description = "Show the files it would change; change and record nothing.")
        boolean dryRun;

        @Option(
                names = "--force",
                description = "Restore over uncaptured changes, after capturing them as a checkpoint.")
        boolean force;

        @Option(names = "--history-only", description = "Record the restore without touching a file.")
        boolean historyOnly;

        @Mixin
        CommandIdOption commandId = new CommandIdOption();

        @Override
        int run(Session session, Output output) {
            RestoredCheckpoint restored = session.restoreCheckpoint(
                    thread, checkpoint, new RestoreOptions(dryRun, force, historyOnly), commandId.checked());
            if (output.json()) {
                var node = output.object()
                        .put("checkpointId", checkpoint.toString())
                        .put("dryRun", restored.dryRun());
                restored.files().ifPresent(plan -> {
                    node.set("modified", strings(output, plan.modified()));
                    node.set("created", strings(output, plan.created()));
                    node.set("deleted", strings(output, plan.deleted()));
                    node.set("untouched", strings(output, plan.untouched()));
                });
                node.put("filesRestored", restored.files().isPresent() && !restored.dryRun());
                node.put("workspaceHasChanges", restored.workspaceHasChanges());
                if (restored.safetyCheckpoint() != null) {
                    node.put(
                            "safetyCheckpointId",
                            restored.safetyCheckpoint().checkpointId().toString());
                }
                if (restored.result() != null) {
                    node.put("lastSequence", restored.result().lastSequence());
                }
                output.json(node);
                return ExitCode.OK;
            }
            if (restored.safetyCheckpoint() != null) {
                output.line("Captured the uncaptured changes first as checkpoint "
                        + restored.safetyCheckpoint().checkpointId() + ".");
            }
            restored.files().ifPresent(plan -> {
                plan.modified().forEach(path -> output.line("M " + path));
                plan.created().forEach(path -> output.line("A " + path));
                plan.deleted().forEach(path -> output.line("D " + path));
            });
            if (restored.dryRun()) {
                output.line(
                        restored.workspaceHasChanges() && !force
                                ? "Dry run: nothing changed. The workspace holds uncaptured changes; the restore needs --force."
                                : "Dry run: nothing changed.");
            } else if (restored.files().isEmpty()) {
                output.line("Restored thread " + thread + " to checkpoint " + checkpoint + " (history only).");
            } else {
                output.line("Restored the workspace and thread " + thread + " to checkpoint " + checkpoint + ".");
            }
            return ExitCode.OK;
        }

        private static com.fasterxml.jackson.databind.node.ArrayNode strings(Output output, List<String> values) {
            var array = output.array();
            values.forEach(array::add);
            return array;
        }
    }
}
