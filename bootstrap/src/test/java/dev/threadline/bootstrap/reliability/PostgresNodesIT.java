package dev.threadline.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.postgres.PostgresLocation;
import dev.threadline.postgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes (separate JVMs) write one PostgreSQL store at once, with group commits, refusals and
 * rollbacks, while a subscriber on each records what it sees: every node sees every event exactly
 * once, in sequence order, with no gap, and all of them see the same log.
 */
@ExtendWith(TestServer.class)
class PostgresNodesIT {

    static final int NODES = 3;
    static final int COMMANDS = 60;

    @TempDir
    Path temp;

    @Test
    void three_nodes_writing_at_once_give_every_subscriber_the_same_dense_ordered_log() throws Exception {
        PostgresLocation location = TestServer.database(getClass()).withSchema("nodes");
        List<Process> nodes = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            nodes.add(start(location.url(), n));
        }
        for (int n = 0; n < NODES; n++) {
            Path done = temp.resolve("done-" + n);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!Files.exists(done) && nodes.get(n).isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(done)
                    .as("node %d finished writing; stderr: %s", n, stderr(n))
                    .exists();
        }
        Files.createFile(temp.resolve("stop"));
        for (int n = 0; n < NODES; n++) {
            Process node = nodes.get(n);
            boolean finished = node.waitFor(2, TimeUnit.MINUTES);
            if (!finished) {
                node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(finished).as("node %d finished", n).isTrue();
            assertThat(node.exitValue()).as("node %d; stderr: %s", n, stderr(n)).isZero();
        }

        List<StoredEvent> log;
        try (Threadline store = Threadline.open(temp.resolve("reader"), location.url(), Threadline.Options.defaults());
                Stream<StoredEvent> all = store.events().replayAll()) {
            log = all.toList();
        }
        List<String> expected = log.stream().map(PostgresNode::line).toList();
        assertThat(log)
                .extracting(StoredEvent::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, log.size())
                        .boxed()
                        .toList());
        Map<String, Long> eventsByCommand = log.stream()
                .filter(e -> e.commandId() != null)
                .collect(Collectors.groupingBy(StoredEvent::commandId, Collectors.counting()));
        Set<String> ok = new HashSet<>();
        Set<String> notStored = new HashSet<>();
        for (int n = 0; n < NODES; n++) {
            List<String> seen = Files.readAllLines(temp.resolve("seen-" + n));
            assertThat(seen).as("what node %d's subscriber saw", n).containsExactlyElementsOf(expected);
            for (String line : Files.readAllLines(temp.resolve("done-" + n))) {
                String[] parts = line.split(" ");
                assertThat(parts[0]).isNotEqualTo("unexpected");
                (parts[0].equals("ok") ? ok : notStored).add(parts[1]);
            }
        }
        long perThread = java.util.stream.IntStream.range(0, COMMANDS)
                .filter(i -> i % 7 != 3 && i % 5 != 2)
                .count();
        assertThat(ok).hasSize((int) (NODES * PostgresNode.THREADS * perThread));
        assertThat(ok).allSatisfy(id -> assertThat(eventsByCommand).containsKey(id));
        assertThat(notStored).isNotEmpty().noneMatch(eventsByCommand::containsKey);
        System.out.printf(
                "postgres nodes: %d nodes, %d commands acknowledged, %d refused or rolled back, %d events%n",
                NODES, ok.size(), notStored.size(), log.size());
    }

    private String stderr(int node) throws Exception {
        Path err = temp.resolve("node-" + node + ".err");
        return Files.exists(err) ? Files.readString(err) : "";
    }

    private Process start(String url, int node) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        PostgresNode.class.getName(),
                        url,
                        temp.resolve("data-" + node).toString(),
                        temp.toString(),
                        Integer.toString(node),
                        Integer.toString(COMMANDS)))
                .redirectOutput(temp.resolve("node-" + node + ".out").toFile())
                .redirectError(temp.resolve("node-" + node + ".err").toFile())
                .start();
    }
}
