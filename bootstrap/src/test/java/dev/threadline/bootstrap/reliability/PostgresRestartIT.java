package dev.threadline.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.bootstrap.CliHarness;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.postgres.PostgresLocation;
import dev.threadline.postgres.TestServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The PostgreSQL server is stopped while three nodes (separate JVMs) add messages through the
 * command line, and started again: the commands fail with exit 3 and one sentence during the
 * outage and succeed after it; each node retries a failed command under the same command id, and
 * no command is stored twice; the log stays dense and the projections verify clean.
 *
 * <p>It stops the machine's shared server ({@code pg_ctlcluster --skip-systemctl-redirect VERSION
 * main stop}, the version read from {@code /etc/postgresql}), which breaks whatever else uses the
 * server at that moment. So: failsafe runs this module's test classes one after another in one
 * JVM (no parallel execution is configured), and {@link Isolated} keeps this class alone should
 * parallel execution ever be enabled; the outage lasts only until every node has failed once (at
 * most {@link #OUTAGE_LIMIT_SECONDS} seconds); and a finally block starts the server again
 * whatever happened and waits until {@code pg_isready} answers.
 */
@Isolated("stops and starts the shared PostgreSQL server")
@ExtendWith(TestServer.class)
class PostgresRestartIT {

    static final int NODES = 3;
    static final int OUTAGE_LIMIT_SECONDS = 20;
    static final int COMMANDS_BEFORE_AND_AFTER = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void commands_fail_with_exit_3_during_a_restart_and_their_retries_store_each_once() throws Exception {
        PostgresLocation location = TestServer.database(getClass()).withSchema("restart");
        String project = JSON.readTree(cli(location, "--json", "project", "create", "--name", "R", "--path", "/r")
                        .out())
                .get("projectId")
                .asText();
        List<Process> nodes = new ArrayList<>();
        String outageCommand = UUID.randomUUID().toString();
        try {
            List<String> threads = new ArrayList<>();
            for (int n = 0; n < NODES; n++) {
                threads.add(cli(location, "thread", "create", "--project", project, "--title", "node " + n)
                        .out()
                        .strip());
                CliHarness.Run turn = cli(location, "turn", "start", "--thread", threads.get(n), "--prompt", "go");
                assertThat(turn.exitCode()).as(turn.err()).isZero();
                nodes.add(start(location.url(), threads.get(n), n));
            }
            String[] outageArgs = {
                "message",
                "add",
                "--thread",
                threads.get(0),
                "--role",
                "user",
                "--text",
                "during the outage",
                "--command-id",
                outageCommand
            };
            for (int n = 0; n < NODES; n++) {
                await(nodes, n, "ok ", COMMANDS_BEFORE_AND_AFTER, 120, "wrote before the outage");
            }

            CliHarness.Run duringOutage;
            int[] oksAtRestart = new int[NODES];
            try {
                server("stop");
                for (int n = 0; n < NODES; n++) {
                    await(nodes, n, "failed ", 1, OUTAGE_LIMIT_SECONDS, "failed during the outage");
                }
                duringOutage = cli(location, outageArgs);
                for (int n = 0; n < NODES; n++) {
                    oksAtRestart[n] = count(lines(n), "ok ");
                }
            } finally {
                startServer();
            }
            assertThat(duringOutage.exitCode()).as(duringOutage.err()).isEqualTo(3);
            assertThat(duringOutage.err().strip()).doesNotContain("\n").contains("PostgreSQL server");

            for (int n = 0; n < NODES; n++) {
                await(nodes, n, "ok ", oksAtRestart[n] + COMMANDS_BEFORE_AND_AFTER, 120, "wrote after the outage");
            }
            CliHarness.Run retried = cli(location, outageArgs);
            assertThat(retried.exitCode()).as(retried.err()).isZero();
            assertThat(cli(location, outageArgs).exitCode())
                    .as("a second retry")
                    .isZero();

            Files.createFile(temp.resolve("stop"));
            for (int n = 0; n < NODES; n++) {
                assertThat(nodes.get(n).waitFor(2, TimeUnit.MINUTES))
                        .as("node %d stopped", n)
                        .isTrue();
                assertThat(nodes.get(n).exitValue())
                        .as("node %d: %s", n, stderr(n))
                        .isZero();
            }
        } finally {
            nodes.forEach(Process::destroyForcibly);
            startServer();
        }

        Set<String> acknowledged = new HashSet<>(Set.of(outageCommand));
        Set<String> retriedIds = new HashSet<>();
        int failures = 0;
        for (int n = 0; n < NODES; n++) {
            for (String line : lines(n)) {
                String[] parts = line.split(" ", 4);
                assertThat(parts[0]).as("node %d: %s", n, line).isNotEqualTo("unexpected");
                if (parts[0].equals("ok")) {
                    acknowledged.add(parts[1]);
                } else {
                    assertThat(parts[2]).as("node %d: %s", n, line).isEqualTo("3");
                    assertThat(parts[3]).as("node %d: one sentence", n).doesNotContain("|");
                    retriedIds.add(parts[1]);
                    failures++;
                }
            }
        }
        assertThat(acknowledged).containsAll(retriedIds);

        try (Threadline store = Threadline.open(temp.resolve("check"), location.url(), Threadline.Options.defaults())) {
            List<StoredEvent> log;
            try (Stream<StoredEvent> all = store.events().replayAll()) {
                log = all.toList();
            }
            assertThat(log)
                    .extracting(StoredEvent::sequence)
                    .as("a dense log")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, log.size()).boxed().toList());
            Map<String, Long> eventsByCommand = log.stream()
                    .map(StoredEvent::commandId)
                    .filter(Objects::nonNull)
                    .filter(acknowledged::contains)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(eventsByCommand.keySet())
                    .as("every acknowledged command is stored")
                    .isEqualTo(acknowledged);
            assertThat(eventsByCommand.values()).as("each stored once").containsOnly(1L);
            assertThat(store.projections().verify(done -> {}).clean()).isTrue();
        }
        System.out.printf(
                "postgres restart: %d nodes, %d commands stored once each, %d failures with exit 3 retried%n",
                NODES, acknowledged.size(), failures);
    }

    private CliHarness.Run cli(PostgresLocation location, String... args) {
        List<String> all =
                new ArrayList<>(List.of("--data-dir", temp.resolve("local").toString(), "--database", location.url()));
        all.addAll(List.of(args));
        return CliHarness.run(all.toArray(String[]::new));
    }

    private Process start(String url, String thread, int node) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        PostgresRestartWriter.class.getName(),
                        url,
                        temp.resolve("data-" + node).toString(),
                        thread,
                        temp.resolve("node-" + node).toString(),
                        temp.resolve("stop").toString()))
                .redirectError(temp.resolve("node-" + node + ".err").toFile())
                .start();
    }

    /** Waits until a node has written at least {@code count} lines starting with a prefix. */
    private void await(List<Process> nodes, int node, String prefix, int count, int seconds, String what)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (count(lines(node), prefix) < count && nodes.get(node).isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count(lines(node), prefix))
                .as("node %d %s; its last lines: %s; stderr: %s", node, what, tail(lines(node)), stderr(node))
                .isGreaterThanOrEqualTo(count);
    }

    private List<String> lines(int node) throws Exception {
        Path file = temp.resolve("node-" + node);
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file);
        String whole = text.substring(0, text.lastIndexOf('\n') + 1);
        return whole.isEmpty() ? List.of() : List.of(whole.split("\n"));
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 5), lines.size());
    }

    private static int count(List<String> lines, String prefix) {
        return (int) lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    private String stderr(int node) throws Exception {
        Path err = temp.resolve("node-" + node + ".err");
        return Files.exists(err) ? Files.readString(err) : "";
    }

    /** Runs {@code pg_ctlcluster} on the machine's cluster; fails with its output when it fails. */
    private static void server(String action) throws Exception {
        String[] versions = new File("/etc/postgresql").list();
        assertThat(versions)
                .as("this test restarts the machine's PostgreSQL cluster, found under /etc/postgresql")
                .isNotNull()
                .hasSize(1);
        List<String> command =
                new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main", action));
        if (action.equals("stop")) {
            command.addAll(List.of("-m", "fast"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
    }

    /** Starts the server unless it answers, and waits until it accepts connections. */
    private static void startServer() throws Exception {
        if (!ready()) {
            server("start");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ready())
                .as("the PostgreSQL server accepts connections again")
                .isTrue();
    }

    private static boolean ready() throws Exception {
        PostgresLocation server = TestServer.server();
        Process check = new ProcessBuilder(
                        "pg_isready", "-q", "-h", server.host(), "-p", Integer.toString(server.port()))
                .redirectErrorStream(true)
                .start();
        check.getInputStream().readAllBytes();
        return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    }
}
