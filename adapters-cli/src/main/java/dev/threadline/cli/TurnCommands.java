package dev.threadline.cli;

import dev.threadline.application.checkpoint.TurnCompletion;
import dev.threadline.application.command.FailTurn;
import dev.threadline.application.command.InterruptTurn;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.id.ThreadId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code turn start | complete | fail | interrupt}. */
@Command(name = "turn", description = "Start and end agent turns.")
final class TurnCommands extends GroupCommand {

    @Command(
            name = "start",
            description = "Starts a turn, with the user's prompt as its first message; prints the turn id.")
    static final class Start extends WriteCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Option(names = "--prompt", paramLabel = "TEXT", description = "The user's prompt.")
        String prompt;

        @Override
        dev.threadline.application.command.Command command() {
            return new StartTurn(thread, prompt);
        }

        @Override
        String describe(CommandResult result) {
            return "Started a turn.";
        }
    }

    @Command(
            name = "complete",
            description = "Completes the thread's running turn, then captures the project's workspace as a"
                    + " checkpoint (unless the setting checkpoints.auto is off or the project's path is no"
                    + " directory); a failed capture is reported and the turn stays complete.")
    static final class Complete extends StoreCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Mixin
        CommandIdOption commandId = new CommandIdOption();

        @Override
        int run(Session session, Output output) {
            TurnCompletion completion = session.completeTurn(thread, commandId.checked());
            completion
                    .failure()
                    .ifPresent(failure -> root().err()
                            .println("The turn is complete, but capturing its checkpoint failed: "
                                    + failure.getMessage()));
            CommandResult result = completion.result();
            if (output.json()) {
                var node = output.object();
                completion
                        .captured()
                        .ifPresent(captured -> node.put(
                                        "checkpointId", captured.checkpointId().toString())
                                .put("commit", captured.commit()));
                node.put(
                        "lastSequence",
                        completion
                                .captured()
                                .map(captured -> captured.result().lastSequence())
                                .orElse(result.lastSequence()));
                output.json(node);
            } else {
                output.line("Completed the running turn of thread " + thread + "."
                        + completion
                                .captured()
                                .map(captured -> " Captured checkpoint " + captured.checkpointId() + ".")
                                .orElse(""));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "fail", description = "Fails the thread's running turn with an error.")
    static final class Fail extends WriteCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Option(names = "--error", required = true, paramLabel = "E")
        String error;

        @Override
        dev.threadline.application.command.Command command() {
            return new FailTurn(thread, error);
        }

        @Override
        String describe(CommandResult result) {
            return "Failed the running turn of thread " + thread + ".";
        }
    }

    @Command(name = "interrupt", description = "Interrupts the thread's running turn.")
    static final class Interrupt extends WriteCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Override
        dev.threadline.application.command.Command command() {
            return new InterruptTurn(thread);
        }

        @Override
        String describe(CommandResult result) {
            return "Interrupted the running turn of thread " + thread + ".";
        }
    }
}
