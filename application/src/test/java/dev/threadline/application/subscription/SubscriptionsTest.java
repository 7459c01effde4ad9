package dev.threadline.application.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.InMemoryThreadline;
import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.SetSetting;
import dev.threadline.domain.event.StoredEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

public class SubscriptionsTest {

    /** Where the stores come from: the application on the in-memory fakes. */
    protected StoreUnderTest.Stores stores() {
        return InMemoryThreadline.stores();
    }

    private static void await(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("condition not met within 60 s");
            }
            Thread.sleep(10);
        }
    }

    private static List<Long> sequences(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::sequence).toList();
    }

    @Test
    void a_subscription_delivers_history_then_live_events_without_gap_or_duplicate_while_appends_race()
            throws Exception {
        try (StoreUnderTest store = stores().open()) {
            for (int i = 0; i < 300; i++) {
                store.execute(new SetSetting("history.k" + i, "v"));
            }
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    store.execute(new SetSetting("live.k" + i, "v"));
                }
            });
            List<StoredEvent> received = new CopyOnWriteArrayList<>();

            writer.start();
            try (Subscription subscription = store.subscribe(0, received::add)) {
                writer.join();
                await(() -> received.size() >= 800);
                assertThat(subscription.isActive()).isTrue();
                assertThat(subscription.position()).isEqualTo(800);
            }

            assertThat(sequences(received))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 800).boxed().toList());
        }
    }

    @Test
    void a_subscription_starts_after_the_given_position() throws Exception {
        try (StoreUnderTest store = stores().open()) {
            for (int i = 0; i < 10; i++) {
                store.execute(new SetSetting("k.k" + i, "v"));
            }
            List<StoredEvent> received = new CopyOnWriteArrayList<>();
            try (Subscription subscription = store.subscribe(7, received::add)) {
                await(() -> received.size() >= 3);
                store.execute(new SetSetting("k.after", "v"));
                await(() -> received.size() >= 4);
                assertThat(subscription.failure()).isNull();
            }
            assertThat(sequences(received)).containsExactly(8L, 9L, 10L, 11L);
        }
    }

    @Test
    void a_subscription_sees_events_committed_by_another_writer_on_the_same_storage() throws Exception {
        StoreUnderTest.Stores stores = stores();
        try (StoreUnderTest subscriber = stores.open();
                StoreUnderTest otherWriter = stores.open()) {
            List<StoredEvent> received = new CopyOnWriteArrayList<>();
            try (Subscription subscription = subscriber.subscribe(0, received::add)) {
                for (int i = 0; i < 50; i++) {
                    otherWriter.execute(new SetSetting("other.k" + i, "v"));
                }
                await(() -> received.size() >= 50);
                assertThat(subscription.isActive()).isTrue();
            }
            assertThat(sequences(received))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 50).boxed().toList());
        }
    }
}
