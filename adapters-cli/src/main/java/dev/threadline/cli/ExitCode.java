package dev.threadline.cli;

/** The process exit codes: 0 done, 1 refused by a rule, 2 usage or input error, 3 storage problem (docs/cli.md). */
public final class ExitCode {

    /** Done. */
    public static final int OK = 0;

    /** Refused by a domain rule: not found, wrong state, version conflict. */
    public static final int REFUSED = 1;

    /** A usage error or malformed input. */
    public static final int USAGE = 2;

    /** A storage problem: cannot open, locked, corrupt, schema newer than the program. */
    public static final int STORAGE = 3;

    private ExitCode() {}
}
