package dev.threadline.cli;

import picocli.CommandLine.Option;

/** The {@code --command-id} option of every command that writes, mixed into each of them. */
final class CommandIdOption {

    @Option(
            names = "--command-id",
            paramLabel = "ID",
            description = "An id for this command: repeating it writes nothing and prints the first result.")
    String value;

    /** The id as given (null when absent), or a usage error when it is blank. */
    String checked() {
        return checked(value);
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
}
