package dev.threadline.application.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.port.CountingIds;
import dev.threadline.application.port.StorageContract;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ThreadId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands from many threads at once, on a storage: every caller gets its own outcome, and the
 * log, the projections and the receipts agree with what the callers were told.
 */
public abstract class GroupCommitContract extends StorageContract {

    private final Faults transactions = new Faults();
    private final AtomicInteger notified = new AtomicInteger();
    private final Map<String, RuntimeException> poisonedReceipts = new ConcurrentHashMap<>();
    private final List<List<String>> readAheads = Collections.synchronizedList(new ArrayList<>());
    private Projections projections;
    private Commands commands;
    private ThreadId chat;

    @BeforeEach
    void wireCommands() {
        transactions.delegate = storage.transactions();
        CommandReceipts receipts = new CommandReceipts() {
            @Override
            public Optional<Receipt> receipt(String commandId) {
                return storage.receipts().receipt(commandId);
            }

            @Override
            public void readAhead(Collection<String> commandIds) {
                readAheads.add(List.copyOf(commandIds));
                storage.receipts().readAhead(commandIds);
            }

            @Override
            public void record(Receipt receipt) {
                storage.receipts().record(receipt);
                RuntimeException planted = poisonedReceipts.get(receipt.commandId());
                if (planted != null) {
                    throw planted; // after the command's events, rows and receipt are written
                }
            }
        };
        projections = new Projections(storage.events(), storage.projections(), storage.scratch());
        commands = new Commands(
                storage.events(),
                reads(),
                receipts,
                transactions,
                projections,
                Clock.systemUTC(),
                new CountingIds(),
                notified::incrementAndGet);
        var project = commands.execute(new CreateProject("demo", "/src/demo")).projectId();
        chat = commands.execute(new CreateThread(project, "chat", "model")).threadId();
        commands.execute(new StartTurn(chat, null));
        transactions.reset();
        notified.set(0);
    }

    private static AddMessage say(ThreadId thread, String text) {
        return new AddMessage(thread, Role.USER, text, false);
    }

    @Test
    void a_lone_caller_runs_in_a_transaction_of_its_own_without_a_savepoint() {
        commands.execute(say(chat, "one"), "one");
        commands.execute(say(chat, "two"), "two");

        assertThat(transactions.begun).hasValue(2);
        assertThat(transactions.savepoints).hasValue(0);
        assertThat(notified).hasValue(2);
    }

    @Test
    void callers_queued_behind_a_running_transaction_share_the_next_one() throws Exception {
        Waiting first = transactions.holdNext(() -> commands.execute(say(chat, "first"), "first"));
        List<Caller> queued = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            queued.add(Caller.queue(() -> commands.execute(say(chat, "queued " + n), "q" + n)));
        }
        first.release();

        assertThat(first.caller.result()).isNotNull();
        List<Long> sequences = new ArrayList<>();
        for (Caller caller : queued) {
            sequences.add(((CommandResult) caller.result()).lastSequence());
        }
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        assertThat(transactions.begun).hasValue(2);
        assertThat(transactions.savepoints).hasValue(8);
        assertThat(readAheads)
                .as("the group's receipts are read ahead together")
                .endsWith(List.of("q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7"));
        assertThat(notified).as("subscribers woken once per group").hasValue(2);
        assertThat(reads().messagesOf(chat)).extracting(MessageView::text).startsWith("first", "queued 0", "queued 1");
        assertConsistent();
    }

    @Test
    void a_command_refused_after_writing_leaves_the_next_of_its_group_deciding_from_the_state_before_it()
            throws Exception {
        poisonedReceipts.put("poisoned", new IllegalStateException("planted failure after writing"));
        Waiting first = transactions.holdNext(() -> commands.execute(say(chat, "first"), "first"));
        Caller ok = Caller.queue(() -> commands.execute(say(chat, "second"), "second"));
        Caller poisoned = Caller.queue(() -> commands.execute(say(chat, "poisoned"), "poisoned"));
        Caller third = Caller.queue(() -> commands.execute(say(chat, "third"), "third"));
        first.release();

        CommandResult second = (CommandResult) ok.result();
        assertThat(poisoned.failure()).hasMessage("planted failure after writing");
        CommandResult last = (CommandResult) third.result();
        assertThat(last.lastSequence()).isEqualTo(second.lastSequence() + 1);
        assertThat(reads().messagesOf(chat))
                .extracting(MessageView::text, MessageView::ordinal)
                .containsExactly(tuple("first", 1L), tuple("second", 2L), tuple("third", 3L));
        assertThat(storage.receipts().receipt("poisoned")).isEmpty();
        assertThat(storage.receipts().receipt("third")).map(r -> r.result()).contains(last);
        assertThat(reads().thread(chat).orElseThrow().version())
                .isEqualTo(storage.events().readStream(chat.toString()).size() - 1L);
        assertConsistent();
    }

    @Test
    void a_failed_commit_fails_every_command_of_its_group_and_a_retry_under_the_same_id_is_safe() throws Exception {
        Waiting first = transactions.holdNext(() -> commands.execute(say(chat, "first"), "first"));
        transactions.failTransaction = 2;
        List<Caller> doomed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "doomed-" + i;
            doomed.add(Caller.queue(() -> commands.execute(say(chat, id), id)));
        }
        Caller refused = Caller.queue(() -> commands.execute(say(ThreadId.next(), "nobody"), "refused"));
        first.release();
        long before = ((CommandResult) first.caller.result()).lastSequence();

        for (Caller caller : doomed) {
            assertThat(caller.failure())
                    .isInstanceOf(StorageFailure.class)
                    .hasMessageContaining("retrying it under the same command id is safe");
        }
        assertThat(refused.failure()).isInstanceOf(NotFound.class);
        assertThat(storage.events().lastSequence()).isEqualTo(before);
        assertThat(storage.receipts().receipt("doomed-0")).isEmpty();
        assertThat(notified).as("no wake-up for a group that did not commit").hasValue(1);

        for (int i = 0; i < 5; i++) {
            commands.execute(say(chat, "doomed-" + i), "doomed-" + i);
        }
        assertThat(storage.receipts().receipt("doomed-4")).isPresent();
        assertThat(reads().messagesOf(chat)).hasSize(6);
        assertConsistent();
    }

    @Test
    void a_command_inside_a_callers_transaction_joins_it() {
        long before = storage.events().lastSequence();
        List<CommandResult> results = transactions.inTransaction(
                () -> List.of(commands.execute(say(chat, "a"), "a"), commands.execute(say(chat, "b"), "b")));

        assertThat(results).extracting(CommandResult::lastSequence).containsExactly(before + 1, before + 2);
        assertThat(transactions.begun).hasValue(1);
        assertThat(transactions.savepoints).hasValue(0);
    }

    @Test
    void many_threads_at_once_each_get_their_own_outcome_and_the_store_agrees() throws Exception {
        ThreadId other = commands.execute(
                        new CreateThread(reads().thread(chat).orElseThrow().projectId(), "other", "model"))
                .threadId();
        commands.execute(new StartTurn(other, null));
        int threads = 12;
        int perThread = 20;
        Map<String, CommandResult> stored = new ConcurrentHashMap<>();
        Map<String, String> refusedIds = new ConcurrentHashMap<>();
        AtomicReference<Throwable> wrong = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int caller = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    Map<String, CommandResult> mine = new HashMap<>();
                    String lastId = null;
                    AddMessage lastCommand = null;
                    for (int i = 0; i < perThread; i++) {
                        String id = "c" + caller + "-" + i;
                        switch (i % 10) {
                            case 3 -> {
                                assertThatThrownBy(() -> commands.execute(say(ThreadId.next(), id), id))
                                        .isInstanceOf(NotFound.class);
                                refusedIds.put(id, id);
                            }
                            case 6 ->
                                assertThat(commands.execute(lastCommand, lastId))
                                        .as("a repeated command id returns the first result")
                                        .isEqualTo(mine.get(lastId));
                            case 8 ->
                                assertThatThrownBy(() -> commands.execute(
                                                say(chat, "other text"),
                                                mine.keySet().iterator().next()))
                                        .isInstanceOf(DomainRuleViolation.class);
                            default -> {
                                lastCommand = say(caller % 2 == 0 ? chat : other, id);
                                lastId = id;
                                CommandResult result = commands.execute(lastCommand, id);
                                mine.put(id, result);
                            }
                        }
                    }
                    stored.putAll(mine);
                } catch (Throwable e) {
                    wrong.compareAndSet(null, e);
                }
            });
            thread.start();
            running.add(thread);
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(thread.isAlive()).isFalse();
        }

        assertThat(wrong.get()).isNull();
        assertThat(stored).hasSize(threads * (perThread - 6));
        assertThat(stored.values()).extracting(CommandResult::lastSequence).doesNotHaveDuplicates();
        for (Map.Entry<String, CommandResult> command : stored.entrySet()) {
            assertThat(storage.receipts().receipt(command.getKey()))
                    .map(r -> r.result())
                    .contains(command.getValue());
        }
        for (String id : refusedIds.keySet()) {
            assertThat(storage.receipts().receipt(id)).isEmpty();
        }
        assertThat(reads().messagesOf(chat).size() + reads().messagesOf(other).size())
                .isEqualTo(stored.size());
        assertThat(notified.get()).isBetween(1, stored.size() + 1);
        assertConsistent();
    }

    /** The log is contiguous, every message ordinal is taken once, and the projections verify clean. */
    private void assertConsistent() {
        List<Long> sequences;
        try (var log = storage.events().replayFrom(0)) {
            sequences = log.map(StoredEvent::sequence).toList();
        }
        assertThat(sequences)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, storage.events().lastSequence())
                                .boxed()
                                .toList());
        assertThat(reads().messagesOf(chat))
                .extracting(MessageView::ordinal)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, reads().messagesOf(chat).size())
                                .boxed()
                                .toList());
        assertThat(projections.verify(sequence -> {}).differences()).isEmpty();
    }

    /** A caller on a thread of its own, started and left waiting in the queue. */
    private static final class Caller {
        private final Thread thread;
        private final AtomicReference<Object> result = new AtomicReference<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Caller(Supplier<?> work) {
            thread = new Thread(() -> {
                try {
                    result.set(work.get());
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
        }

        /** Starts the caller and returns once it waits in the group commit's queue. */
        static Caller queue(Supplier<?> work) throws InterruptedException {
            Caller caller = new Caller(work);
            caller.thread.start();
            awaitWaiting(caller.thread);
            return caller;
        }

        Object result() throws InterruptedException {
            thread.join(TimeUnit.MINUTES.toMillis(1));
            assertThat(failure.get()).isNull();
            return result.get();
        }

        Throwable failure() throws InterruptedException {
            thread.join(TimeUnit.MINUTES.toMillis(1));
            assertThat(failure.get()).isNotNull();
            return failure.get();
        }
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }

    /** A caller whose transaction is held open, its work done, until released. */
    private static final class Waiting {
        final Caller caller;
        final CountDownLatch release;

        Waiting(Caller caller, CountDownLatch release) {
            this.caller = caller;
            this.release = release;
        }

        void release() {
            release.countDown();
        }
    }

    /**
     * The storage's transactions, counted, with two faults to plant: the next transaction held
     * open once its work is done, and a given transaction failing to commit.
     */
    private static final class Faults implements Transactions {
        Transactions delegate;
        final AtomicInteger begun = new AtomicInteger();
        final AtomicInteger savepoints = new AtomicInteger();
        volatile CountDownLatch hold;
        volatile CountDownLatch holding;
        volatile int failTransaction;

        void reset() {
            begun.set(0);
            savepoints.set(0);
        }

        Waiting holdNext(Supplier<?> work) throws InterruptedException {
            CountDownLatch release = new CountDownLatch(1);
            holding = new CountDownLatch(1);
            hold = release;
            Caller caller = new Caller(work);
            caller.thread.start();
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            return new Waiting(caller, release);
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (delegate.insideTransaction()) {
                return delegate.inTransaction(work);
            }
            int number = begun.incrementAndGet();
            return delegate.inTransaction(() -> {
                T result = work.get();
                CountDownLatch release = hold;
                if (release != null) {
                    hold = null;
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                if (number == failTransaction) {
                    throw new StorageFailure(StorageFailure.Reason.FAILED, "planted commit failure", null);
                }
                return result;
            });
        }

        @Override
        public <T> T inSavepoint(Supplier<T> work) {
            savepoints.incrementAndGet();
            return delegate.inSavepoint(work);
        }

        @Override
        public boolean insideTransaction() {
            return delegate.insideTransaction();
        }
    }
}
