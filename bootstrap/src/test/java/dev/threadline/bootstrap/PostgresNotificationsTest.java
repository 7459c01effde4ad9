package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.CreateProject;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.postgres.PostgresLocation;
import dev.threadline.postgres.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL store. The subscribing node polls only once an hour, so only the
 * other node's notifications wake it: they arrive, and when its listening connection is killed
 * while events flow, it reconnects and catches up from its position, missing nothing.
 */
@ExtendWith(TestServer.class)
class PostgresNotificationsTest {

    @TempDir
    Path dir;

    private Threadline node(String name, PostgresLocation location, Duration poll) {
        Threadline.Options defaults = Threadline.Options.defaults();
        return Threadline.open(
                dir.resolve(name),
                location.url(),
                new Threadline.Options(defaults.sqlite(), defaults.coalescing(), poll, defaults.clock()));
    }

    @Test
    void a_subscriber_on_another_node_sees_every_event_though_its_listening_connection_is_killed() throws Exception {
        PostgresLocation location = TestServer.database(getClass()).withSchema("notify");
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger killed = new AtomicInteger();
        int commands = 150;
        try (Threadline writer = node("writer", location, Duration.ofMillis(100));
                Threadline reader = node("reader", location, Duration.ofHours(1));
                Subscription subscription = reader.subscribe(0, (StoredEvent event) -> seen.add(event.sequence()))) {
            Thread killer = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    killed.addAndGet(terminateListeners(location));
                    try {
                        Thread.sleep(150);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            killer.start();
            try {
                for (int i = 0; i < commands; i++) {
                    writer.execute(new CreateProject("p" + i, "/p/" + i));
                    Thread.sleep(5);
                }
            } finally {
                killer.interrupt();
                killer.join();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (subscription.position() < commands && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        assertThat(killed.get()).as("listening connections killed").isPositive();
        assertThat(seen)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, commands).boxed().toList());
    }

    /** Kills every listening connection on the store's database; returns how many. */
    private static int terminateListeners(PostgresLocation location) {
        try (Connection connection = TestServer.connect(location);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = 'threadline-listen' AND datname = current_database()")) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
