package dev.threadline.application.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.InMemoryThreadline;
import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

public class MessageStreamTest {

    /** Where the stores come from: the application on the in-memory fakes. */
    protected StoreUnderTest.Stores stores() {
        return InMemoryThreadline.stores();
    }

    @Test
    void a_streamed_answer_of_20000_tokens_becomes_at_most_50_events_with_the_exact_text() {
        try (StoreUnderTest store = stores().open()) {
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
            long fullBuffers = expected.length() / Coalescing.defaults().maxChars();
            assertThat(written)
                    .as("the add, one delta a full buffer plus the rest, the completion")
                    .isLessThanOrEqualTo(fullBuffers + 3);
            var messages = store.queries().transcript(thread).turns().get(0).messages();
            assertThat(messages.get(1).text()).isEqualTo(expected.toString());
            assertThat(messages.get(1).streaming()).isFalse();
        }
    }

    @Test
    void a_stream_flushes_by_time_when_its_buffer_has_waited_long_enough() throws Exception {
        StoreUnderTest.Options options =
                StoreUnderTest.Options.defaults().withCoalescing(new Coalescing(1_000_000, Duration.ZERO));
        try (StoreUnderTest store = stores().open(options)) {
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
