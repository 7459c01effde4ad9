package dev.threadline.bootstrap.reliability;

import dev.threadline.bootstrap.CliHarness;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One node of the restart test, in a JVM of its own: adds messages to its thread with command
 * lines run in process, one after another, each under a fresh command id, until the file {@code
 * stop} appears. A command line that fails with a storage error (exit 3) is retried under the same
 * command id until it succeeds. Every outcome is written as one line, flushed at once: {@code ok
 * ID}, {@code failed ID 3 SENTENCE}, or {@code unexpected ID EXIT SENTENCE} (not retried).
 *
 * <p>Arguments: database URL, data directory, thread id, output file, stop file.
 */
public final class PostgresRestartWriter {

    private static final long RETRY_PAUSE_MILLIS = 100;

    private PostgresRestartWriter() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String url = args[0];
        String dataDir = args[1];
        String thread = args[2];
        Path stop = Path.of(args[4]);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8))) {
            for (int i = 0; !Files.exists(stop); i++) {
                String commandId = UUID.randomUUID().toString();
                while (true) {
                    CliHarness.Run run = CliHarness.run(
                            "--data-dir",
                            dataDir,
                            "--database",
                            url,
                            "message",
                            "add",
                            "--thread",
                            thread,
                            "--role",
                            "user",
                            "--text",
                            "message " + i,
                            "--command-id",
                            commandId);
                    if (run.exitCode() == 0) {
                        out.println("ok " + commandId);
                        out.flush();
                        break;
                    }
                    String outcome = run.exitCode() == 3 ? "failed " : "unexpected ";
                    out.println(outcome + commandId + " " + run.exitCode() + " "
                            + run.err().strip().replace('\n', '|'));
                    out.flush();
                    if (run.exitCode() != 3) {
                        break;
                    }
                    Thread.sleep(RETRY_PAUSE_MILLIS);
                }
            }
        }
    }
}
