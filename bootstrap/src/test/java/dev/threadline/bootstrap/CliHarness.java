package dev.threadline.bootstrap;

import dev.threadline.cli.ThreadlineCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command line in this process, as {@code Main} does, for tests in other packages. */
public final class CliHarness {

    /** What one command line printed and returned. */
    public record Run(int exitCode, String out, String err) {}

    private CliHarness() {}

    /** Runs one command line with the given environment (busy timeout, default directory) and input. */
    public static Run run(Map<String, String> environment, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ThreadlineCli.run(
                ThreadlineSession.access(environment),
                ThreadlineBench.RUNNER,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs one command line with an empty environment and no input. */
    public static Run run(String... args) {
        return run(Map.of(), "", args);
    }
}
