package dev.threadline.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.json.EventJsonCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A commit that appends tells the other nodes after it committed, with an empty payload: once for
 * one commit, never for one that rolled back, and the node's own listener is not woken by what it
 * sent.
 */
@ExtendWith(TestServer.class)
class PostgresAnnouncementsTest {

    private static final Instant AT = Instant.parse("2026-12-02T04:00:00Z");

    private PostgresDatabase database;
    private PostgresEventStore events;
    private PostgresNotifications notifications;
    private final AtomicInteger wakes = new AtomicInteger();
    private Connection otherNode;

    @BeforeEach
    void open() throws SQLException {
        String schema = "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        database = PostgresDatabase.open(TestServer.database(getClass()).withSchema(schema));
        events = new PostgresEventStore(database, new EventJsonCodec(), Clock.systemUTC());
        notifications = new PostgresNotifications(database, wakes::incrementAndGet);
        otherNode = database.openDedicated();
        try (Statement listen = otherNode.createStatement()) {
            listen.execute("LISTEN \"" + notifications.channel() + "\"");
        }
    }

    @AfterEach
    void close() throws SQLException {
        otherNode.close();
        notifications.close();
        database.close();
    }

    @Test
    void a_commit_that_appends_is_announced_once_and_a_rolled_back_one_never() throws SQLException {
        database.inTransaction(connection -> {
            events.append(AppendBatch.of(List.of(project(), project())));
            events.append(AppendBatch.of(List.of(project())));
            return null;
        });
        List<PGNotification> first = received(1);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).getName()).isEqualTo(notifications.channel());
        assertThat(first.get(0).getParameter()).isEmpty();

        assertThatThrownBy(() -> database.inTransaction(connection -> {
                    events.append(AppendBatch.of(List.of(project())));
                    throw new IllegalStateException("changed my mind");
                }))
                .isInstanceOf(IllegalStateException.class);
        database.inTransaction(connection -> null);
        assertThat(received(0)).isEmpty();
    }

    @Test
    void the_node_that_appended_is_not_woken_by_its_own_announcement() throws SQLException {
        awaitListening();
        int before = wakes.get();

        events.append(AppendBatch.of(List.of(project())));

        assertThat(received(1)).hasSize(1); // the other node heard it, so it was delivered
        assertThat(wakes.get()).isEqualTo(before);
    }

    @Test
    void a_burst_of_commits_is_announced_at_most_once_each_and_at_least_once_after_the_last() throws SQLException {
        for (int i = 0; i < 200; i++) {
            events.append(AppendBatch.of(List.of(project())));
        }
        List<PGNotification> heard = received(1);
        heard.addAll(received(0));

        assertThat(heard).hasSizeBetween(1, 200);
        events.append(AppendBatch.of(List.of(project())));
        assertThat(received(1)).hasSize(1);
    }

    @Test
    void commits_in_quick_succession_are_announced_at_most_once_per_ten_milliseconds() throws SQLException {
        awaitListening();
        long started = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            events.append(AppendBatch.of(List.of(project())));
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        List<PGNotification> heard = received(1);
        heard.addAll(received(0));

        // One at once, then one per 10 ms while commits go on, and one for the last commits.
        assertThat(heard).hasSizeBetween(1, (int) (elapsedMillis / 10) + 2);
    }

    /** Notifications that reach the other node, waiting for {@code expected} of them at most a few seconds. */
    private List<PGNotification> received(int expected) throws SQLException {
        List<PGNotification> all = new ArrayList<>();
        PGConnection listening = otherNode.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + (expected == 0 ? 300_000_000L : 5_000_000_000L);
        while (System.nanoTime() < deadline && (expected == 0 || all.size() < expected)) {
            PGNotification[] batch = listening.getNotifications(100);
            if (batch != null) {
                all.addAll(List.of(batch));
            }
        }
        return all;
    }

    /** Waits until the listener is connected and has run its catch-up wake-up. */
    private void awaitListening() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((notifications.listenerProcessId() == 0 || wakes.get() == 0) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(wakes.get()).isOne();
    }

    private static NewEvent project() {
        ProjectId id = ProjectId.next();
        return NewEvent.of(new ProjectCreated(id, "p", "/p/" + id, AT));
    }
}
