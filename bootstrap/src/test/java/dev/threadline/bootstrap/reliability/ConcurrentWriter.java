package dev.threadline.bootstrap.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.bootstrap.CliHarness;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One of the concurrent-writer test's child JVMs: runs command lines in process against a shared
 * file, its own work and contested turns on a shared thread, and an import; prints one line per
 * command: {@code ok ID}, {@code refused ID SENTENCE} or {@code unexpected EXIT ARGS SENTENCE}.
 */
public final class ConcurrentWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String dataDir;
    private final StringBuilder report = new StringBuilder();

    private ConcurrentWriter(String dataDir) {
        this.dataDir = dataDir;
    }

    public static void main(String[] args) throws IOException {
        String dataDir = args[0];
        String importFile = args[1];
        String shared = args[2];
        int worker = Integer.parseInt(args[3]);
        int iterations = Integer.parseInt(args[4]);
        ConcurrentWriter writer = new ConcurrentWriter(dataDir);
        for (int i = 0; i < iterations; i++) {
            if (i == iterations / 3) {
                writer.importFile(importFile);
            }
            String project = writer.own(
                    "projectId",
                    "project",
                    "create",
                    "--name",
                    "Worker " + worker + " #" + i,
                    "--path",
                    "/src/worker-" + worker + "/" + i);
            String thread = writer.own("threadId", "thread", "create", "--project", project, "--title", "Task " + i);
            writer.own(null, "turn", "start", "--thread", thread, "--prompt", "Do task " + i);
            writer.own(null, "message", "add", "--thread", thread, "--role", "assistant", "--text", "Done " + i);
            writer.own(null, "turn", "complete", "--thread", thread);
            writer.contested("turn", "start", "--thread", shared, "--prompt", "Worker " + worker + " wants " + i);
            writer.contested("message", "add", "--thread", shared, "--role", "tool", "--text", "w" + worker);
            writer.contested("turn", "complete", "--thread", shared);
        }
        System.out.print(writer.report);
        System.out.flush();
    }

    private void importFile(String file) {
        CliHarness.Run run = CliHarness.run("--data-dir", dataDir, "--json", "import", file);
        report.append(run.exitCode() == 0 ? "imported " + run.out().strip() : unexpected(run, List.of("import")))
                .append('\n');
    }

    /** A command on this worker's own streams: it must succeed; returns the named new id. */
    private String own(String idName, String... args) throws IOException {
        String commandId = UUID.randomUUID().toString();
        CliHarness.Run run = CliHarness.run(arguments(commandId, args));
        if (run.exitCode() != 0) {
            report.append(unexpected(run, List.of(args))).append('\n');
            return UUID.randomUUID().toString();
        }
        report.append("ok ").append(commandId).append('\n');
        return idName == null ? null : JSON.readTree(run.out()).get(idName).asText();
    }

    /** A command on the shared thread: it may be refused by a rule or a version conflict (exit 1). */
    private void contested(String... args) {
        String commandId = UUID.randomUUID().toString();
        CliHarness.Run run = CliHarness.run(arguments(commandId, args));
        if (run.exitCode() == 0) {
            report.append("ok ").append(commandId);
        } else if (run.exitCode() == 1 && !run.err().contains("locked")) {
            report.append("refused ")
                    .append(commandId)
                    .append(' ')
                    .append(run.err().strip());
        } else {
            report.append(unexpected(run, List.of(args)));
        }
        report.append('\n');
    }

    private String[] arguments(String commandId, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir, "--json"));
        all.addAll(List.of(args));
        all.addAll(List.of("--command-id", commandId));
        return all.toArray(String[]::new);
    }

    private static String unexpected(CliHarness.Run run, List<String> args) {
        return "unexpected " + run.exitCode() + " " + String.join(" ", args) + " "
                + run.err().strip().replace('\n', ' ');
    }
}
