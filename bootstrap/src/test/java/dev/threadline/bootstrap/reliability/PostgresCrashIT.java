package dev.threadline.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.postgres.PostgresLocation;
import dev.threadline.postgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node writing a PostgreSQL store with group commits is killed with SIGKILL at a random moment,
 * several times: every acknowledged command keeps its events, the log stays dense with no partial
 * batch, and the projections verify clean.
 */
@ExtendWith(TestServer.class)
class PostgresCrashIT {

    static final int ROUNDS = 3;

    @TempDir
    Path temp;

    @Test
    void a_node_killed_in_the_middle_of_group_commits_loses_no_acknowledged_command() throws Exception {
        PostgresLocation location = TestServer.database(getClass()).withSchema("crash");
        Random random = new Random();
        Path acknowledgements = temp.resolve("acknowledged");
        int acknowledged = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path err = temp.resolve("child-" + round + ".err");
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process child = new ProcessBuilder(List.of(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            GroupCommittingWriter.class.getName(),
                            temp.resolve("data").toString(),
                            acknowledgements.toString(),
                            location.url()))
                    .redirectError(err.toFile())
                    .start();
            try {
                assertThat(CrashSafetyIT.awaitReady(child))
                        .as("round %d: the child opened the store; stderr: %s", round, Files.readString(err))
                        .isTrue();
                Thread.sleep(500 + random.nextInt(1_500));
                assertThat(child.isAlive())
                        .as("round %d: stderr: %s", round, Files.readString(err))
                        .isTrue();
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }

            List<String> ids = acknowledged(acknowledgements);
            try (Threadline store =
                    Threadline.open(temp.resolve("check"), location.url(), Threadline.Options.defaults())) {
                List<StoredEvent> log;
                try (Stream<StoredEvent> all = store.events().replayAll()) {
                    log = all.toList();
                }
                assertThat(log)
                        .extracting(StoredEvent::sequence)
                        .as("round %d: a dense log", round)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, log.size()).boxed().toList());
                Set<String> commands = log.stream()
                        .map(StoredEvent::commandId)
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet());
                assertThat(commands)
                        .as("round %d: every acknowledged command is stored", round)
                        .containsAll(ids);
                assertThat(store.projections().verify(done -> {}).clean())
                        .as("round %d: projections verify clean", round)
                        .isTrue();
            }
            acknowledged = ids.size();
        }
        assertThat(acknowledged).as("commands acknowledged before the kills").isPositive();
        System.out.printf(
                "postgres crash safety: %d rounds, %d acknowledged commands all kept%n", ROUNDS, acknowledged);
    }

    private static List<String> acknowledged(Path file) throws Exception {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file);
        String whole = text.substring(0, text.lastIndexOf('\n') + 1);
        return whole.isEmpty() ? List.of() : List.of(whole.split("\n"));
    }
}
