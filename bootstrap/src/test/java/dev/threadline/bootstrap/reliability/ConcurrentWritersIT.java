package dev.threadline.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.bootstrap.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four processes write one file at once: commands, contested turns on a shared thread, imports. */
class ConcurrentWritersIT {

    static final int WORKERS = 4;
    static final int ITERATIONS = 30;
    static final int IMPORT_THREADS = 2;
    static final int IMPORT_DELTAS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void four_processes_writing_one_file_lose_nothing_duplicate_nothing_and_never_report_a_locked_database()
            throws Exception {
        Path data = temp.resolve("store");
        String dataDir = data.toString();
        String project = JSON.readTree(CliHarness.run(
                                "--data-dir",
                                dataDir,
                                "--json",
                                "project",
                                "create",
                                "--name",
                                "Shared",
                                "--path",
                                "/src/shared")
                        .out())
                .get("projectId")
                .asText();
        String shared = CliHarness.run(
                        "--data-dir", dataDir, "thread", "create", "--project", project, "--title", "Contested")
                .out()
                .strip();
        long seeded = LogAudit.audit(data).events();
        List<Path> exports = new ArrayList<>();
        Set<String> importIds = new HashSet<>();
        for (int w = 0; w < WORKERS; w++) {
            Path export = temp.resolve("import-" + w + ".jsonl");
            Workloads.writeExport(temp.resolve("source-" + w), export, IMPORT_THREADS, IMPORT_DELTAS);
            exports.add(export);
            importIds.addAll(new CrashSafetyIT.ObjectReader().eventIds(export));
        }

        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(start(dataDir, exports.get(w), shared, w));
        }
        List<String> lines = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Process worker = workers.get(w);
            boolean finished = worker.waitFor(4, TimeUnit.MINUTES);
            if (!finished) {
                worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(finished).as("worker %d finished", w).isTrue();
            assertThat(worker.exitValue())
                    .as("worker %d; stderr: %s", w, Files.readString(temp.resolve("worker-" + w + ".err")))
                    .isZero();
            lines.addAll(Files.readAllLines(temp.resolve("worker-" + w + ".out")));
        }
        LogAudit.Report report = LogAudit.audit(data);

        List<String> ok = lines.stream()
                .filter(l -> l.startsWith("ok "))
                .map(l -> l.substring(3))
                .toList();
        List<String> refused = lines.stream()
                .filter(l -> l.startsWith("refused "))
                .map(l -> l.split(" ")[1])
                .toList();
        assertThat(lines).filteredOn(l -> l.startsWith("unexpected")).isEmpty();
        assertThat(lines).noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("locked"));
        assertThat(lines).filteredOn(l -> l.startsWith("imported")).hasSize(WORKERS);
        assertThat(report.problems()).isEmpty();
        assertThat(report.eventIds()).containsAll(importIds);
        assertThat(ok).allSatisfy(id -> assertThat(report.eventsByCommand()).containsKey(id));
        assertThat(refused).isNotEmpty().noneMatch(report.eventsByCommand()::containsKey);
        long commandEvents =
                ok.stream().mapToLong(report.eventsByCommand()::get).sum();
        assertThat(report.events()).isEqualTo(seeded + importIds.size() + commandEvents);
        System.out.printf(
                "concurrent writers: %d processes, %d commands done, %d refused, %d events imported, %d events in all%n",
                WORKERS, ok.size(), refused.size(), importIds.size(), report.events());
    }

    private Process start(String dataDir, Path export, String shared, int worker) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(List.of(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ConcurrentWriter.class.getName(),
                        dataDir,
                        export.toString(),
                        shared,
                        Integer.toString(worker),
                        Integer.toString(ITERATIONS)))
                .redirectOutput(temp.resolve("worker-" + worker + ".out").toFile())
                .redirectError(temp.resolve("worker-" + worker + ".err").toFile())
                .start();
    }
}
