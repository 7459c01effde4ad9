package dev.threadline.cli;

/** A failure found by the command line itself, with the exit code it ends the process with. */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static CliFailure refused(String message) {
        return new CliFailure(ExitCode.REFUSED, message);
    }

    static CliFailure usage(String message) {
        return new CliFailure(ExitCode.USAGE, message);
    }

    static CliFailure storage(String message) {
        return new CliFailure(ExitCode.STORAGE, message);
    }
}
