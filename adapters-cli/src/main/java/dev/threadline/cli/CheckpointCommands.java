package dev.threadline.cli;

import dev.threadline.application.command.CreateCheckpoint;
import dev.threadline.application.command.RestoreCheckpoint;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code checkpoint create | list | restore}. */
@Command(
        name = "checkpoint",
        description = "Record, list and restore git checkpoints of a thread.",
        subcommands = {
            CheckpointCommands.Create.class,
            CheckpointCommands.ListCheckpoints.class,
            CheckpointCommands.Restore.class
        })
final class CheckpointCommands extends GroupCommand {

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
                        Output.text(checkpoint.createdAt()),
                        checkpoint.restoredAt() == null
                                ? "-"
                                : checkpoint.restoredAt().toString(),
                        checkpoint.message()));
            }
            output.table(List.of("ID", "TURN", "REF", "CREATED", "RESTORED", "MESSAGE"), rows);
            return ExitCode.OK;
        }
    }

    @Command(name = "restore", description = "Reverts a thread to a checkpoint: later turns become reverted.")
    static final class Restore extends WriteCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Parameters(paramLabel = "CHECKPOINT")
        CheckpointId checkpoint;

        @Override
        dev.threadline.application.command.Command command() {
            return new RestoreCheckpoint(thread, checkpoint);
        }

        @Override
        String describe(CommandResult result) {
            return "Restored thread " + thread + " to checkpoint " + checkpoint + ".";
        }
    }
}
