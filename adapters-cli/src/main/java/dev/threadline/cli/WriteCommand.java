package dev.threadline.cli;

import dev.threadline.application.command.Command;
import dev.threadline.application.result.CommandResult;
import picocli.CommandLine.Mixin;

/** A subcommand that runs one command of the application and prints its result. */
abstract class WriteCommand extends StoreCommand {

    @Mixin
    CommandIdOption commandId = new CommandIdOption();

    @Override
    final int run(Session session, Output output) {
        CommandResult result = session.execute(command(), commandId.checked());
        output.result(result, describe(result));
        return ExitCode.OK;
    }

    /** The command to run. */
    abstract Command command();

    /** What to tell a person when the command wrote nothing worth an id. */
    abstract String describe(CommandResult result);
}
