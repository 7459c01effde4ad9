package dev.threadline.application.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.InMemoryThreadline;
import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.SetSetting;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.UndecodableEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A subscription outlives reads of the log that fail for a while (a dropped connection, a server
 * restarting), and ends on one that keeps failing, on any other failure, or on its handler's.
 */
class SubscriptionReadFailuresTest {

    /** A log whose next reads fail with the given failure, as many times as asked. */
    private static final class FailingReads implements EventStore {
        private final EventStore log;
        private final AtomicInteger failuresLeft = new AtomicInteger();
        private final AtomicInteger reads = new AtomicInteger();
        private volatile StorageFailure failure;

        FailingReads(EventStore log) {
            this.log = log;
        }

        void failNext(int times, StorageFailure.Reason reason) {
            failure = new StorageFailure(reason, "could not read: the server closed the connection", null);
            failuresLeft.set(times);
        }

        @Override
        public List<StoredEvent> append(AppendBatch batch) {
            return log.append(batch);
        }

        @Override
        public Stream<StoredEvent> replayFrom(long afterSequence) {
            reads.incrementAndGet();
            if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw failure;
            }
            return log.replayFrom(afterSequence);
        }

        @Override
        public List<StoredEvent> readStream(String streamId) {
            return log.readStream(streamId);
        }

        @Override
        public long lastSequence() {
            return log.lastSequence();
        }

        @Override
        public List<UndecodableEvent> undecodableEvents() {
            return log.undecodableEvents();
        }
    }

    private static void await(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("condition not met within 60 s");
            }
            Thread.sleep(5);
        }
    }

    private static List<Long> sequences(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::sequence).toList();
    }

    @Test
    void reads_that_fail_because_the_store_is_unreachable_are_retried_from_the_same_position() throws Exception {
        try (StoreUnderTest store = InMemoryThreadline.stores().open()) {
            store.execute(new SetSetting("a.one", "1"));
            FailingReads log = new FailingReads(store.events());
            List<StoredEvent> received = new CopyOnWriteArrayList<>();
            try (Subscriptions subscriptions = new Subscriptions(log, Duration.ofMillis(1));
                    Subscription subscription = subscriptions.subscribe(0, received::add)) {
                await(() -> received.size() == 1);
                log.failNext(Subscriptions.READ_ATTEMPTS - 1, StorageFailure.Reason.UNAVAILABLE);
                store.execute(new SetSetting("a.two", "2"));
                store.execute(new SetSetting("a.three", "3"));
                subscriptions.notifyCommitted();
                await(() -> received.size() == 3);

                assertThat(subscription.isActive()).isTrue();
                assertThat(subscription.failure()).isNull();
                log.failNext(Subscriptions.READ_ATTEMPTS - 1, StorageFailure.Reason.LOCKED);
                store.execute(new SetSetting("a.four", "4"));
                subscriptions.notifyCommitted();
                await(() -> received.size() == 4);
                assertThat(subscription.isActive()).isTrue();
            }
            assertThat(sequences(received)).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void reads_that_keep_failing_end_the_subscription_with_the_failure() throws Exception {
        try (StoreUnderTest store = InMemoryThreadline.stores().open()) {
            FailingReads log = new FailingReads(store.events());
            log.failNext(Subscriptions.READ_ATTEMPTS, StorageFailure.Reason.UNAVAILABLE);
            try (Subscriptions subscriptions = new Subscriptions(log, Duration.ofMillis(1));
                    Subscription subscription = subscriptions.subscribe(0, event -> {})) {
                await(() -> !subscription.isActive());

                assertThat(subscription.failure()).isInstanceOf(StorageFailure.class);
                assertThat(log.reads.get()).isEqualTo(Subscriptions.READ_ATTEMPTS);
            }
        }
    }

    @Test
    void any_other_storage_failure_ends_the_subscription_at_once() throws Exception {
        try (StoreUnderTest store = InMemoryThreadline.stores().open()) {
            FailingReads log = new FailingReads(store.events());
            log.failNext(1, StorageFailure.Reason.CORRUPT);
            try (Subscriptions subscriptions = new Subscriptions(log, Duration.ofMillis(1));
                    Subscription subscription = subscriptions.subscribe(0, event -> {})) {
                await(() -> !subscription.isActive());

                assertThat(subscription.failure())
                        .isInstanceOfSatisfying(
                                StorageFailure.class,
                                failure -> assertThat(failure.reason()).isEqualTo(StorageFailure.Reason.CORRUPT));
                assertThat(log.reads.get()).isEqualTo(1);
            }
        }
    }

    @Test
    void a_storage_failure_thrown_by_the_handler_is_not_retried() throws Exception {
        try (StoreUnderTest store = InMemoryThreadline.stores().open()) {
            store.execute(new SetSetting("a.one", "1"));
            FailingReads log = new FailingReads(store.events());
            StorageFailure thrown = new StorageFailure(StorageFailure.Reason.UNAVAILABLE, "the handler's own", null);
            try (Subscriptions subscriptions = new Subscriptions(log, Duration.ofMillis(1));
                    Subscription subscription = subscriptions.subscribe(0, event -> {
                        throw thrown;
                    })) {
                await(() -> !subscription.isActive());

                assertThat(subscription.failure()).isSameAs(thrown);
                assertThat(log.reads.get()).isEqualTo(1);
                assertThat(subscription.position()).isZero();
            }
        }
    }
}
