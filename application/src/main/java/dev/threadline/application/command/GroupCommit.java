package dev.threadline.application.command;

import dev.threadline.application.port.Transactions;
import dev.threadline.domain.error.StorageFailure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs the commands that callers on many threads submit at once in shared transactions, one
 * commit per group. There is no writer thread and no timer: a caller that finds nobody writing
 * becomes the leader and runs at once; callers arriving meanwhile queue; when its transaction is
 * over the leader hands the queue to the first waiter, who takes as much of it as a group may hold
 * (a count and a number of bytes) into the next transaction.
 *
 * <p>Each command of a group of several runs under a savepoint of its own, so a refusal undoes it
 * alone. A caller learns its outcome only once its group's transaction has ended: a result once
 * the group is committed, its own refusal, or a {@link StorageFailure} when the commit fails (the
 * whole group is then rolled back, receipts included, so a retry under the same command id is
 * safe). The commands run in the order they queued, which is the order of their sequences.
 */
final class GroupCommit {

    /** What a command returns from its transaction: its result, and whether it wrote anything. */
    interface Work<T> {
        T run();

        boolean wrote(T outcome);
    }

    private final Transactions transactions;
    private final Consumer<List<Work<?>>> beforeGroup;
    private final Runnable afterCommit;
    private final int maxCount;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    /** Whether a leader is running a group; while one is, the queue is its successors'. */
    private boolean leading;
    /** How many commands the last group held: its callers are likely to submit again at once. */
    private int lastGroupSize;

    /**
     * @param transactions the storage's transactions
     * @param beforeGroup told the works of each group inside its transaction, before the first runs
     * @param afterCommit told once after each group that wrote something has committed
     * @param maxCount the most commands a group holds
     * @param maxBytes the most command text a group holds, roughly; a group always takes one
     */
    GroupCommit(
            Transactions transactions,
            Consumer<List<Work<?>>> beforeGroup,
            Runnable afterCommit,
            int maxCount,
            long maxBytes) {
        this.transactions = transactions;
        this.beforeGroup = beforeGroup;
        this.afterCommit = afterCommit;
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** One caller's command, and its outcome once its group's transaction has ended. */
    private final class Pending<T> {
        final Work<T> work;
        final long bytes;
        final Condition wake = lock.newCondition();
        boolean promoted;
        boolean done;
        T outcome;
        RuntimeException refused;
        Error fatal;

        Pending(Work<T> work, long bytes) {
            this.work = work;
            this.bytes = bytes;
        }

        void run(boolean alone) {
            try {
                outcome = alone ? work.run() : transactions.inSavepoint(work::run);
            } catch (RuntimeException e) {
                refused = e;
            }
        }

        boolean wrote() {
            return refused == null && work.wrote(outcome);
        }

        T result() {
            if (fatal != null) {
                throw fatal;
            }
            if (refused != null) {
                throw refused;
            }
            return outcome;
        }
    }

    /**
     * Runs the work in a group transaction, now when nobody is writing, and returns once that
     * transaction has ended.
     *
     * @param bytes the command's approximate size, which bounds its group
     */
    <T> T submit(Work<T> work, long bytes) {
        Pending<T> mine = new Pending<>(work, bytes);
        List<Pending<?>> group;
        lock.lock();
        try {
            queue.add(mine);
            if (leading) {
                // Waiting is not cancellable: the command may already be running in a group.
                while (!mine.done && !mine.promoted) {
                    mine.wake.awaitUninterruptibly();
                }
                if (mine.done) {
                    return mine.result();
                }
            }
            leading = true;
            if (!mine.promoted && lastGroupSize > 1) {
                gatherCompany(lastGroupSize);
            }
            group = takeGroup();
            lastGroupSize = group.size();
        } finally {
            lock.unlock();
        }
        try {
            runGroup(group);
        } finally {
            handOn(group);
        }
        return mine.result();
    }

    /**
     * A caller that finds nobody writing right after a group of several committed is most often
     * the first of that group's callers to come back; the others are about to submit again. It
     * lets them run (yielding its processor, for at most {@link #GATHER_NANOS}) until they have
     * queued, so that the group does not split into a command alone and the rest. A caller alone,
     * whose last group was itself, never waits; one left alone after a burst waits once.
     */
    private void gatherCompany(int expected) {
        long deadline = System.nanoTime() + GATHER_NANOS;
        while (queue.size() < expected && System.nanoTime() < deadline) {
            lock.unlock();
            try {
                Thread.yield();
            } finally {
                lock.lock();
            }
        }
    }

    /** The longest a leader lets the callers of the last group come back, in nanoseconds. */
    static final long GATHER_NANOS = 200_000;

    /** The queue's head (the leader itself) and what follows it, up to the bounds. */
    private List<Pending<?>> takeGroup() {
        List<Pending<?>> group = new ArrayList<>();
        long bytes = 0;
        while (!queue.isEmpty() && group.size() < maxCount) {
            Pending<?> next = queue.peek();
            if (!group.isEmpty() && bytes + next.bytes > maxBytes) {
                break;
            }
            group.add(queue.poll());
            bytes += next.bytes;
        }
        return group;
    }

    private void runGroup(List<Pending<?>> group) {
        boolean alone = group.size() == 1;
        boolean wrote;
        try {
            wrote = transactions.inTransaction(() -> {
                beforeGroup.accept(
                        group.stream().<Work<?>>map(pending -> pending.work).toList());
                boolean any = false;
                for (Pending<?> pending : group) {
                    pending.run(alone);
                    any |= pending.wrote();
                }
                if (alone && group.get(0).refused != null) {
                    throw group.get(0).refused; // nothing else to keep: roll back without a savepoint
                }
                return any;
            });
        } catch (RuntimeException e) {
            if (!(alone && group.get(0).refused == e)) {
                failAll(group, e);
            }
            return;
        } catch (Error e) {
            for (Pending<?> pending : group) {
                pending.fatal = e;
            }
            throw e;
        }
        if (wrote) {
            afterCommit.run();
        }
    }

    /**
     * The group's transaction did not commit: every command fails with a storage failure, except
     * those a rule, a conflict or a missing thing refused, which would have written nothing anyway.
     */
    private static void failAll(List<Pending<?>> group, RuntimeException cause) {
        StorageFailure.Reason reason =
                cause instanceof StorageFailure storage ? storage.reason() : StorageFailure.Reason.FAILED;
        for (Pending<?> pending : group) {
            if (pending.refused == null || pending.refused == cause || pending.refused instanceof StorageFailure) {
                pending.refused = new StorageFailure(
                        reason,
                        "the command was not stored: the transaction it ran in failed (" + cause.getMessage()
                                + "); retrying it under the same command id is safe",
                        pending.refused == null ? cause : pending.refused);
            }
        }
    }

    /** Wakes the group's callers and gives the lead to the first waiter, if any. */
    private void handOn(List<Pending<?>> group) {
        lock.lock();
        try {
            for (Pending<?> pending : group) {
                pending.done = true;
                pending.wake.signal();
            }
            Pending<?> next = queue.peek();
            if (next == null) {
                leading = false;
            } else {
                next.promoted = true;
                next.wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }
}
