package dev.threadline.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.bootstrap.CliHarness;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random moments: a child JVM writes commands, raw batches and an import in a loop, or
 * commands from several threads at once (group commits), and is killed with SIGKILL; after every
 * kill the reopened store is audited, and every command the child saw acknowledged is in it.
 */
class CrashSafetyIT {

    static final int ROUNDS = 32;
    /** The first rounds start with the import, so that kills land inside it. */
    static final int IMPORT_ROUNDS = 8;

    /** Kills of a process committing groups from several threads. */
    static final int GROUP_ROUNDS = 8;

    static final int IMPORT_THREADS = 4;
    static final int IMPORT_DELTAS = 2_000;

    private static final ObjectReader LINES = new ObjectReader();

    @TempDir
    Path temp;

    @Test
    void a_writer_killed_at_random_moments_leaves_whole_batches_contiguous_sequences_and_clean_projections()
            throws Exception {
        Path data = temp.resolve("store");
        Path exportFile = temp.resolve("import.jsonl");
        Workloads.writeExport(temp.resolve("source"), exportFile, IMPORT_THREADS, IMPORT_DELTAS);
        Set<String> importIds = LINES.eventIds(exportFile);
        Random random = new Random(20261124L);
        int partialImports = 0;
        long events = 0;

        for (int round = 0; round < ROUNDS; round++) {
            boolean importRound = round < IMPORT_ROUNDS;
            // An import round runs on a store of its own: an import reads its whole input before it
            // writes, and on a store that already holds the events it only skips them, so only a
            // fresh store lets every import round be killed in the midst of its batches.
            Path store = importRound ? temp.resolve("import-" + round) : data;
            Process child =
                    start(store, exportFile, random.nextLong(), importRound, temp.resolve("child-" + round + ".err"));
            try {
                assertThat(awaitReady(child))
                        .as("round %d: the child opened the store; stderr: %s", round, stderr(round))
                        .isTrue();
                if (importRound && round % 2 == 1) {
                    awaitEvents(store, 1_000, child); // its first batch is in: the kill lands amid the rest
                } else {
                    Thread.sleep(importRound ? random.nextInt(1_500) : 50 + random.nextInt(1_000));
                }
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }

            LogAudit.Report report = LogAudit.audit(store);
            assertThat(report.problems()).as("round %d", round).isEmpty();
            long imported =
                    importIds.stream().filter(report.eventIds()::contains).count();
            assertThat(imported % 1_000 == 0 || imported == importIds.size())
                    .as("round %d: import batches are whole (%d of %d events)", round, imported, importIds.size())
                    .isTrue();
            if (imported > 0 && imported < importIds.size()) {
                partialImports++;
            }
            if (importRound) {
                CliHarness.Run rerun =
                        CliHarness.run("--data-dir", store.toString(), "--json", "import", exportFile.toString());
                LogAudit.Report finished = LogAudit.audit(store);
                assertThat(rerun.exitCode())
                        .as("round %d: the rerun import; %s", round, rerun.err())
                        .isZero();
                assertThat(finished.problems())
                        .as("round %d, after the rerun", round)
                        .isEmpty();
                assertThat(finished.eventIds())
                        .as("round %d, after the rerun", round)
                        .containsAll(importIds);
            } else {
                events = report.events();
            }
        }

        CliHarness.Run completed =
                CliHarness.run("--data-dir", data.toString(), "--json", "import", exportFile.toString());
        CliHarness.Run again = CliHarness.run("--data-dir", data.toString(), "--json", "import", exportFile.toString());
        LogAudit.Report last = LogAudit.audit(data);

        assertThat(completed.exitCode()).as(completed.err()).isZero();
        assertThat(again.out()).contains("\"imported\":0");
        assertThat(last.problems()).isEmpty();
        assertThat(last.eventIds()).containsAll(importIds);
        assertThat(last.events()).isGreaterThanOrEqualTo(events);
        System.out.printf(
                "crash safety: %d rounds, %d events at the end, %d kills left an import half done%n",
                ROUNDS, last.events(), partialImports);
    }

    @Test
    void a_process_writing_from_several_threads_killed_mid_group_loses_no_acknowledged_command() throws Exception {
        Path data = temp.resolve("grouped");
        Path acknowledgements = temp.resolve("acknowledged.txt");
        Random random = new Random(20261130L);
        long acknowledged = 0;
        for (int round = 0; round < GROUP_ROUNDS; round++) {
            Path err = temp.resolve("grouped-" + round + ".err");
            Process child =
                    ChildJvm.start(GroupCommittingWriter.class, err, data.toString(), acknowledgements.toString());
            try {
                assertThat(awaitReady(child))
                        .as("round %d: the child opened the store; stderr: %s", round, Files.readString(err))
                        .isTrue();
                Thread.sleep(200 + random.nextInt(1_200));
                assertThat(child.isAlive())
                        .as("round %d: the child was still writing; stderr: %s", round, Files.readString(err))
                        .isTrue();
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }

            LogAudit.Report report = LogAudit.audit(data);
            List<String> ids = acknowledgedIds(acknowledgements);
            assertThat(report.problems()).as("round %d", round).isEmpty();
            assertThat(report.eventsByCommand().keySet())
                    .as("round %d: every acknowledged command has its events and its receipt", round)
                    .containsAll(ids);
            acknowledged = ids.size();
        }
        assertThat(acknowledged).as("commands acknowledged before the kills").isPositive();
        System.out.printf(
                "group-commit crash safety: %d rounds, %d acknowledged commands all kept%n",
                GROUP_ROUNDS, acknowledged);
    }

    /** The ids of the acknowledgement file; a line the kill cut short was never acknowledged. */
    private static List<String> acknowledgedIds(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file);
        String whole = text.substring(0, text.lastIndexOf('\n') + 1);
        return whole.isEmpty() ? List.of() : List.of(whole.split("\n"));
    }

    private Process start(Path data, Path exportFile, long seed, boolean importFirst, Path err) throws IOException {
        return ChildJvm.start(
                CrashingWriter.class,
                err,
                data.toString(),
                exportFile.toString(),
                Long.toString(seed),
                importFirst ? "import-first" : "mixed");
    }

    /** Waits, for at most 30 seconds, until the store's log holds {@code count} events or the child is gone. */
    private static void awaitEvents(Path store, long count, Process child) throws Exception {
        String url = "jdbc:sqlite:file:" + store.resolve("threadline.db") + "?mode=ro";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (child.isAlive() && System.nanoTime() < deadline) {
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM events")) {
                if (rows.getLong(1) >= count) {
                    return;
                }
            } catch (SQLException busy) {
                // The writer holds the file for a moment: look again.
            }
            Thread.sleep(2);
        }
    }

    /** Whether the child printed {@code ready} within a minute; its output is closed afterwards. */
    static boolean awaitReady(Process child) throws Exception {
        try (BufferedReader out = ChildJvm.output(child)) {
            return ChildJvm.awaitReady(out);
        }
    }

    private String stderr(int round) throws IOException {
        Path file = temp.resolve("child-" + round + ".err");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Reads the event ids of an export. */
    static final class ObjectReader {
        private final com.fasterxml.jackson.databind.ObjectMapper json =
                new com.fasterxml.jackson.databind.ObjectMapper();

        Set<String> eventIds(Path exportFile) throws IOException {
            try (var lines = Files.lines(exportFile)) {
                return lines.map(line -> {
                            try {
                                return json.readTree(line).get("eventId").asText();
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })
                        .collect(Collectors.toSet());
            }
        }
    }
}
