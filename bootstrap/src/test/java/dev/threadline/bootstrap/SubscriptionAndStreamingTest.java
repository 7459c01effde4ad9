package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.SetSetting;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.streaming.Coalescing;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionAndStreamingTest {

    @TempDir
    Path dir;

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
        try (Threadline store = Threadline.open(dir)) {
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
        try (Threadline store = Threadline.open(dir)) {
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
    void a_subscription_sees_events_committed_by_another_writer_on_the_same_file() throws Exception {
        try (Threadline subscriber = Threadline.open(dir);
                Threadline otherWriter = Threadline.open(dir)) {
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

    @Test
    void a_streamed_answer_of_20000_tokens_becomes_at_most_50_events_with_the_exact_text() {
        try (Threadline store = Threadline.open(dir)) {
            ProjectId project = store.execute(new CreateProject("p", "/src/p")).projectId();
            ThreadId thread = store.execute(new CreateThread(project, "t", "m")).threadId();
            store.execute(new StartTurn(thread, "write a long answer"));
            long before = store.events().lastSequence();
            StringBuilder expected = new StringBuilder();

            MessageStream answer = store.streamMessage(thread, Role.ASSISTANT);
            for (int token = 0; token < 20_000; token++) {
                String text = (token % 7 == 0 ? "\n" : " ") + "tok" + (token % 97);
                expected.append(text);
                answer.append(text);
            }
            answer.complete();

            long written = store.events().lastSequence() - before;
            assertThat(written).isLessThanOrEqualTo(50).isGreaterThanOrEqualTo(3);
            var messages = store.queries().transcript(thread).turns().get(0).messages();
            assertThat(messages.get(1).text()).isEqualTo(expected.toString());
            assertThat(messages.get(1).streaming()).isFalse();
        }
    }

    @Test
    void a_stream_flushes_by_time_when_its_buffer_has_waited_long_enough() throws Exception {
        Threadline.Options options =
                Threadline.Options.defaults().withCoalescing(new Coalescing(1_000_000, Duration.ZERO));
        try (Threadline store = Threadline.open(dir, options)) {
            ProjectId project = store.execute(new CreateProject("p", "/src/p")).projectId();
            ThreadId thread = store.execute(new CreateThread(project, "t", "m")).threadId();
            store.execute(new StartTurn(thread, null));
            MessageStream answer = store.streamMessage(thread, Role.ASSISTANT);
            long afterAdd = store.events().lastSequence();

            answer.append("a");
            answer.append("b");

            assertThat(store.events().lastSequence()).isEqualTo(afterAdd + 2);
            answer.complete();
            assertThat(store.queries()
                            .transcript(thread)
                            .turns()
                            .get(0)
                            .messages()
                            .get(0)
                            .text())
                    .isEqualTo("ab");
        }
    }
}
