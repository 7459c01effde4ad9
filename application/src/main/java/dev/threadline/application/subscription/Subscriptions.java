package dev.threadline.application.subscription;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.EventStore;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Delivers every event after a position, then live events as they commit. Each subscription reads
 * the log from the last sequence it delivered, so the switch from history to live events has no
 * gap and no duplicate. Commits in this process wake subscribers at once; commits by other
 * processes on the same file are found by polling.
 *
 * <p>A read of the log that fails because the store is unreachable or locked (a dropped
 * connection, a server restarting) is retried from the same position, waiting longer each time;
 * after {@value #READ_ATTEMPTS} such failures in a row, or any other failure, the subscription
 * ends with it. A failure of the handler ends the subscription at once.
 */
public final class Subscriptions implements AutoCloseable {

    /** How many reads in a row may fail (store unreachable or locked) before a subscription ends. */
    static final int READ_ATTEMPTS = 8;

    private static final Duration LONGEST_RETRY_WAIT = Duration.ofSeconds(5);

    private final EventStore events;
    private final Duration pollInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private long commits;

    /**
     * @param events the log
     * @param pollInterval how often to look for commits by other processes
     */
    public Subscriptions(EventStore events, Duration pollInterval) {
        this.events = events;
        this.pollInterval = pollInterval;
    }

    /** Wakes the subscribers: something was committed. */
    public void notifyCommitted() {
        lock.lock();
        try {
            commits++;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers, on a thread of its own, every event with a sequence greater than {@code
     * afterSequence}, then each new event as it commits, until closed.
     */
    public Subscription subscribe(long afterSequence, EventHandler handler) {
        Worker worker = new Worker(afterSequence, handler);
        Thread thread = new Thread(worker, "threadline-subscription");
        thread.setDaemon(true);
        worker.thread = thread;
        thread.start();
        return worker;
    }

    private final class Worker implements Subscription, Runnable {
        private final EventHandler handler;
        private volatile long position;
        private volatile boolean active = true;
        private volatile Throwable failure;
        private Thread thread;

        Worker(long afterSequence, EventHandler handler) {
            this.position = afterSequence;
            this.handler = handler;
        }

        @Override
        public void run() {
            int failedReads = 0;
            try {
                while (active) {
                    long seen = commitsSeen();
                    try {
                        deliverPending();
                        failedReads = 0;
                    } catch (StorageFailure e) {
                        failedReads++;
                        if (!passing(e) || failedReads >= READ_ATTEMPTS) {
                            throw e;
                        }
                        Thread.sleep(retryWait(failedReads).toMillis());
                        continue;
                    }
                    awaitCommit(seen);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (HandlerFailure e) {
                failure = e.getCause();
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                active = false;
            }
        }

        private void deliverPending() {
            try (Stream<StoredEvent> pending = events.replayFrom(position)) {
                Iterator<StoredEvent> next = pending.iterator();
                while (active && next.hasNext()) {
                    StoredEvent event = next.next();
                    try {
                        handler.handle(event);
                    } catch (RuntimeException e) {
                        throw new HandlerFailure(e);
                    }
                    position = event.sequence();
                }
            }
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public Throwable failure() {
            return failure;
        }

        @Override
        public void close() {
            active = false;
            if (thread != Thread.currentThread()) {
                thread.interrupt();
                try {
                    thread.join(Duration.ofSeconds(5).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static boolean passing(StorageFailure failure) {
        return failure.reason() == StorageFailure.Reason.UNAVAILABLE
                || failure.reason() == StorageFailure.Reason.LOCKED;
    }

    /** The wait before the next read after {@code failedReads} in a row: doubling, at most 5 s. */
    private Duration retryWait(int failedReads) {
        Duration wait = pollInterval.multipliedBy(1L << Math.min(failedReads - 1, 16));
        return wait.compareTo(LONGEST_RETRY_WAIT) > 0 ? LONGEST_RETRY_WAIT : wait;
    }

    /** A failure of the handler, told apart from one of reading the log. */
    private static final class HandlerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFailure(RuntimeException cause) {
            super(cause);
        }
    }

    private long commitsSeen() {
        lock.lock();
        try {
            return commits;
        } finally {
            lock.unlock();
        }
    }

    private void awaitCommit(long seen) throws InterruptedException {
        lock.lock();
        try {
            long nanos = pollInterval.toNanos();
            while (commits == seen && nanos > 0) {
                nanos = committed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every subscriber so that closed ones notice at once. */
    @Override
    public void close() {
        notifyCommitted();
    }
}
