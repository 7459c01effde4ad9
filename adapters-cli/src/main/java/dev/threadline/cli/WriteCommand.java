package dev.threadline.cli;

import dev.threadline.application.command.Command;
import dev.threadline.application.result.CommandResult;
import picocli.CommandLine.Option;

/** A subcommand that runs one command of the application and prints its result. */
abstract class WriteCommand extends StoreCommand {

    @Option(
            names = "--command-id",
            paramLabel = "ID",
            description = "An id for this command: repeating it writes nothing and prints the first result.")
    String commandId;

    @Override
    final int run(Session session, Output output) {
        CommandResult result = session.execute(command(), checked(commandId));
        output.result(result, describe(result));
        return ExitCode.OK;
    }

    /**
     * A {@code --command-id} as given, or a usage error when it is blank: an empty id would be
     * stored as a real one and refuse every later command given it.
     */
    static String checked(String commandId) {
        if (commandId != null && commandId.isBlank()) {
            throw CliFailure.usage("--command-id must not be blank; leave it out to run without one");
        }
        return commandId;
    }

    /** The command to run. */
    abstract Command command();

    /** What to tell a person when the command wrote nothing worth an id. */
    abstract String describe(CommandResult result);
}
