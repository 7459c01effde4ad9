package dev.threadline.application.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.InMemoryThreadline;
import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.SetSetting;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.usage.UsageReport.ProjectUsage;
import dev.threadline.application.usage.UsageReport.ThreadUsage;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The usage report on the in-memory fakes; bootstrap runs the same on SQLite. */
public class ReportUsageTest {

    private StoreUnderTest store;

    /** Where the stores come from: the application on the in-memory fakes. */
    protected StoreUnderTest.Stores stores() {
        return InMemoryThreadline.stores();
    }

    @BeforeEach
    void open() {
        store = stores().open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ThreadId thread(ProjectId project, String title, int messages, int length) {
        ThreadId thread = store.execute(new CreateThread(project, title, "m")).threadId();
        store.execute(new StartTurn(thread, null));
        for (int i = 0; i < messages; i++) {
            store.execute(new AddMessage(thread, Role.ASSISTANT, letters(length), false));
        }
        return thread;
    }

    /** Letters drawn at random: text a store that compresses large payloads cannot shrink to nothing. */
    private static String letters(int length) {
        return new Random(length)
                .ints(length, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    @Test
    void threads_and_projects_are_ranked_by_the_bytes_of_their_events() {
        ProjectId small =
                store.execute(new CreateProject("small", "/src/small")).projectId();
        ProjectId large =
                store.execute(new CreateProject("large", "/src/large")).projectId();
        ThreadId quiet = thread(small, "quiet", 1, 10);
        ThreadId chatty = thread(large, "chatty", 5, 2_000);
        ThreadId medium = thread(large, "medium", 2, 1_000);
        store.execute(new SetSetting("ui.theme", "dark"));

        UsageReport report = store.usage(10);

        assertThat(report.threads())
                .extracting(ThreadUsage::threadId)
                .containsExactly(chatty.toString(), medium.toString(), quiet.toString());
        ThreadUsage top = report.threads().get(0);
        assertThat(top.title()).isEqualTo("chatty");
        assertThat(top.projectId()).isEqualTo(large);
        assertThat(top.events()).isEqualTo(7); // created, turn started, five messages
        assertThat(report.projects()).extracting(ProjectUsage::projectId).containsExactly(large, small);
        ProjectUsage largest = report.projects().get(0);
        assertThat(largest.name()).isEqualTo("large");
        assertThat(largest.threads()).isEqualTo(2);
        assertThat(largest.events()).isEqualTo(1 + 7 + 4);
        assertThat(largest.bytes())
                .isGreaterThan(report.threads().get(0).bytes()
                        + report.threads().get(1).bytes());
        assertThat(report.events()).isEqualTo(store.events().lastSequence());
        assertThat(report.eventBytes())
                .isGreaterThan(
                        report.threads().stream().mapToLong(ThreadUsage::bytes).sum());
        assertThat(report.bytes()).isPositive();
        assertThat(report.location()).isNotBlank();
    }

    @Test
    void top_limits_both_lists() {
        ProjectId project = store.execute(new CreateProject("p", "/src/p")).projectId();
        ProjectId other = store.execute(new CreateProject("q", "/src/q")).projectId();
        thread(project, "a", 3, 100);
        ThreadId largest = thread(other, "b", 3, 1_000);

        UsageReport report = store.usage(1);

        assertThat(report.threads()).extracting(ThreadUsage::threadId).containsExactly(largest.toString());
        assertThat(report.projects()).extracting(ProjectUsage::projectId).containsExactly(other);
        assertThat(store.usage(0).threads()).isEmpty();
    }

    @Test
    void a_stream_the_read_models_do_not_know_is_listed_as_a_thread_without_title() {
        ThreadId unknown = ThreadId.next();
        store.events()
                .append(AppendBatch.of(
                        NewEvent.of(new MessageDeltaAppended(unknown, MessageId.next(), "orphan", Instant.now()))));

        UsageReport report = store.usage(10);

        assertThat(report.threads()).singleElement().satisfies(thread -> {
            assertThat(thread.threadId()).isEqualTo(unknown.toString());
            assertThat(thread.title()).isNull();
            assertThat(thread.projectId()).isNull();
            assertThat(thread.events()).isEqualTo(1);
        });
        assertThat(report.projects()).isEmpty();
    }

    @Test
    void a_report_writes_nothing() {
        ProjectId project = store.execute(new CreateProject("p", "/src/p")).projectId();
        thread(project, "a", 2, 100);
        long last = store.events().lastSequence();

        UsageReport first = store.usage(10);
        UsageReport second = store.usage(10);

        assertThat(store.events().lastSequence()).isEqualTo(last);
        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(second.tables()).isEqualTo(first.tables());
        assertThat(second.threads()).isEqualTo(first.threads());
        assertThat(second.projects()).isEqualTo(first.projects());
    }

    @Test
    void a_negative_top_is_refused() {
        assertThatThrownBy(() -> store.usage(-1))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("-1");
    }
}
