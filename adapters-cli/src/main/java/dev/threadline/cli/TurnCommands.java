package dev.threadline.cli;

import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.FailTurn;
import dev.threadline.application.command.InterruptTurn;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.id.ThreadId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code turn start | complete | fail | interrupt}. */
@Command(
        name = "turn",
        description = "Start and end agent turns.",
        subcommands = {
            TurnCommands.Start.class,
            TurnCommands.Complete.class,
            TurnCommands.Fail.class,
            TurnCommands.Interrupt.class
        })
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

    @Command(name = "complete", description = "Completes the thread's running turn.")
    static final class Complete extends WriteCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Override
        dev.threadline.application.command.Command command() {
            return new CompleteTurn(thread);
        }

        @Override
        String describe(CommandResult result) {
            return "Completed the running turn of thread " + thread + ".";
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
