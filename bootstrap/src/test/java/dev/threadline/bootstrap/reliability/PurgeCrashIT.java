package dev.threadline.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.bootstrap.CliHarness;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadPurged;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.json.ExportLines;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during purges and sweeps: a child JVM purges archived and deleted threads, one by one or
 * by a sweep, and is killed with SIGKILL at a random moment once it has purged a few. After every
 * kill each thread is whole, or purged with its archive complete (the archive holds exactly its
 * events, under the recorded digest); a rerun finishes the work, projections verify clean, and
 * every archive restores.
 */
class PurgeCrashIT {

    static final int THREADS = 24;
    static final int DELTAS = 120;
    static final int ROUNDS = 8;

    private static final ExportLines LINES = new ExportLines();

    @TempDir
    Path temp;

    @Test
    void purges_and_sweeps_killed_at_random_moments_leave_each_thread_whole_or_purged_with_its_archive()
            throws Exception {
        Path data = temp.resolve("store");
        List<ThreadId> threads = PurgingChild.seed(data, THREADS, DELTAS);
        Map<ThreadId, List<String>> original = new HashMap<>();
        try (Threadline store = Threadline.open(data)) {
            for (ThreadId thread : threads) {
                original.put(thread, lines(store.events().readStream(thread.toString())));
            }
        }
        Random random = new Random(20261201L);
        int purgedDuringKills = 0;
        int killsMidway = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String mode = round % 2 == 0 ? "purge" : "sweep";
            Path err = temp.resolve("child-" + round + ".err");
            Process child =
                    ChildJvm.start(PurgingChild.class, err, data.toString(), mode, Long.toString(random.nextLong()));
            try (BufferedReader out = ChildJvm.output(child)) {
                assertThat(ChildJvm.awaitReady(out))
                        .as("round %d: the child opened the store; stderr: %s", round, Files.readString(err))
                        .isTrue();
                // Killed in the midst of the work: once it has finished 1 to 3 threads, a random
                // moment into the next one (its archive, its transaction, or just after it).
                int finished = 1 + random.nextInt(3);
                for (int line = 0; line < finished && out.readLine() != null; line++) {
                    // each line is a thread done
                }
                Thread.sleep(random.nextInt(40));
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            Audit audit = audit(data, original);
            assertThat(audit.problems()).as("round %d (%s)", round, mode).isEmpty();
            if (audit.purged() > purgedDuringKills && audit.purged() < THREADS) {
                killsMidway++;
            }
            purgedDuringKills = audit.purged();
            if (audit.purged() == THREADS) {
                break;
            }
        }

        assertThat(killsMidway)
                .as("rounds killed with threads purged and threads left")
                .isGreaterThanOrEqualTo(3);

        CliHarness.Run rerun = CliHarness.run(
                "--data-dir", data.toString(), "--json", "purge", "--archived-before", "0h", "--deleted-before", "0h");
        Audit last = audit(data, original);

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(last.problems()).isEmpty();
        assertThat(last.purged()).isEqualTo(THREADS);
        Path restored = temp.resolve("restored");
        for (Path archive : last.archives()) {
            CliHarness.Run imported = CliHarness.run("--data-dir", restored.toString(), "import", archive.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
        }
        try (Threadline store = Threadline.open(restored)) {
            for (ThreadId thread : threads) {
                assertThat(withoutPositions(lines(store.events().readStream(thread.toString()))))
                        .as("thread %s restored", thread)
                        .isEqualTo(withoutPositions(original.get(thread)));
            }
            assertThat(store.projections().verify(done -> {}).clean()).isTrue();
        }
        System.out.printf(
                "purge crash safety: %d threads, %d purged before the rerun, %d kills in the midst of the work,"
                        + " all restored from their archives%n",
                THREADS, purgedDuringKills, killsMidway);
    }

    record Audit(int purged, List<Path> archives, List<String> problems) {}

    /** Every thread whole, or purged once with its archive holding exactly its events. */
    static Audit audit(Path data, Map<ThreadId, List<String>> original) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> archives = new ArrayList<>();
        int purged = 0;
        try (Threadline store = Threadline.open(data)) {
            if (!store.projections().verify(done -> {}).clean()) {
                problems.add("projections differ from a rebuild");
            }
            long previous = 0;
            try (Stream<StoredEvent> log = store.events().replayAll()) {
                for (StoredEvent event : (Iterable<StoredEvent>) log::iterator) {
                    if (event.sequence() <= previous) {
                        problems.add("sequence " + event.sequence() + " after " + previous);
                    }
                    previous = event.sequence();
                }
            }
            Map<ThreadId, List<ThreadPurged>> purges = new HashMap<>();
            for (StoredEvent stored : store.events().readStream(Event.STORE_STREAM)) {
                ThreadPurged purge = (ThreadPurged) stored.event();
                purges.computeIfAbsent(purge.threadId(), id -> new ArrayList<>())
                        .add(purge);
            }
            for (Map.Entry<ThreadId, List<String>> thread : original.entrySet()) {
                List<StoredEvent> stream =
                        store.events().readStream(thread.getKey().toString());
                List<ThreadPurged> recorded = purges.getOrDefault(thread.getKey(), List.of());
                if (!stream.isEmpty()) {
                    if (!lines(stream).equals(thread.getValue())) {
                        problems.add("thread " + thread.getKey() + " is neither whole nor purged");
                    }
                    if (!recorded.isEmpty()) {
                        problems.add("thread " + thread.getKey() + " is whole but recorded as purged");
                    }
                    continue;
                }
                purged++;
                if (recorded.size() != 1) {
                    problems.add("thread " + thread.getKey() + " is gone with " + recorded.size() + " purge(s)");
                    continue;
                }
                Path archive = Path.of(recorded.get(0).archive());
                if (!Files.exists(archive)) {
                    problems.add("the archive of " + thread.getKey() + " is missing");
                    continue;
                }
                byte[] content = Files.readAllBytes(archive);
                String digest = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
                if (!digest.equals(recorded.get(0).archiveSha256())
                        || !Files.readAllLines(archive).equals(thread.getValue())) {
                    problems.add("the archive of " + thread.getKey() + " is not complete");
                }
                archives.add(archive);
            }
        }
        return new Audit(purged, archives, problems);
    }

    private static List<String> lines(List<StoredEvent> events) {
        return events.stream().map(LINES::encode).toList();
    }

    /** The lines without their sequence and time of record, which an import assigns anew. */
    private static List<String> withoutPositions(List<String> lines) {
        return lines.stream()
                .map(line ->
                        line.replaceFirst("^\\{\"sequence\":\\d+,", "{").replaceFirst("\"recordedAt\":\"[^\"]*\",", ""))
                .toList();
    }
}
