package dev.threadline.cli;

/** A failure found by the command line itself, with the exit code it ends the process with. */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final boolean quiet;

    CliFailure(int exitCode, String message) {
        this(exitCode, message, false);
    }

    private CliFailure(int exitCode, String message, boolean quiet) {
        super(message);
        this.exitCode = exitCode;
        this.quiet = quiet;
    }

    int exitCode() {
        return exitCode;
    }

    /** Whether the command line ends without a message (a closed output pipe). */
    boolean quiet() {
        return quiet;
    }

    /** A failure that ends the process with the code but prints nothing (unless --verbose). */
    static CliFailure quiet(int exitCode, String message) {
        return new CliFailure(exitCode, message, true);
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
