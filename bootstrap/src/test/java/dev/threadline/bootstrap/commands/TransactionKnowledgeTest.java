package dev.threadline.bootstrap.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.RenameThread;
import dev.threadline.application.command.SetSetting;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Inside a write transaction the SQLite adapter keeps what it read and wrote (thread rows, the
 * projector's position, the log's last sequence and stream versions) and writes the changed rows
 * once, before the commit. These tests hold it to what a store without that knowledge would do.
 */
class TransactionKnowledgeTest extends CommandFixture {

    private void add(ThreadId thread, String text) {
        store.execute(new AddMessage(thread, Role.USER, text, false));
    }

    private ThreadView threadView(ThreadId thread) {
        return store.queries().thread(thread);
    }

    private void assertProjectionsVerifyClean() {
        assertThat(store.projections().verify(sequence -> {}).differences()).isEmpty();
        assertThat(store.projections().status().position()).isEqualTo(lastSequence());
    }

    @Test
    void commands_in_one_transaction_build_on_each_other_and_listings_inside_it_see_them() {
        ThreadId thread = thread();
        startTurn(thread); // its prompt is the thread's first message
        long before = lastSequence();

        List<ThreadView> seenInside = store.inTransaction(() -> {
            for (int i = 0; i < 25; i++) {
                add(thread, "message " + i);
            }
            return store.queries().threads(new ThreadFilter(null, true, true));
        });

        assertThat(seenInside)
                .singleElement()
                .satisfies(t -> assertThat(t.messageCount()).isEqualTo(26));
        assertThat(threadView(thread).messageCount()).isEqualTo(26);
        assertThat(store.queries().transcript(thread).turns().get(0).messages())
                .extracting(MessageView::text)
                .startsWith("why?", "message 0", "message 1")
                .hasSize(26);
        List<StoredEvent> added = logAfter(before);
        assertThat(added)
                .extracting(StoredEvent::sequence)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(before + 1, before + 25).boxed().toList());
        assertThat(added).extracting(StoredEvent::streamVersion).isSorted().doesNotHaveDuplicates();
        assertProjectionsVerifyClean();
    }

    @Test
    void a_rolled_back_transaction_leaves_nothing_behind_not_even_in_memory() {
        ThreadId thread = thread();
        startTurn(thread);
        add(thread, "kept");
        Snapshot before = snapshot();

        assertThatThrownBy(() -> store.inTransaction(() -> {
                    add(thread, "lost 1");
                    add(thread, "lost 2");
                    throw new IllegalStateException("changed my mind");
                }))
                .hasMessage("changed my mind");

        assertUnchangedSince(before);
        // The next command decides from the stored rows, not from the forgotten ones.
        add(thread, "after");
        assertThat(threadView(thread).messageCount()).isEqualTo(3); // the prompt, "kept", "after"
        assertThat(lastSequence()).isEqualTo(before.lastSequence() + 1);
        assertProjectionsVerifyClean();
    }

    @Test
    void another_connections_commits_are_seen_by_the_next_transaction() {
        ThreadId thread = thread();
        startTurn(thread);
        try (Threadline other = Threadline.open(dir)) {
            for (int i = 0; i < 10; i++) {
                add(thread, "here " + i);
                other.execute(new AddMessage(thread, Role.ASSISTANT, "there " + i, false));
                store.inTransaction(() -> {
                    add(thread, "batched a");
                    add(thread, "batched b");
                    return null;
                });
            }
            assertThat(other.queries().thread(thread).messageCount()).isEqualTo(41); // and the prompt
        }
        assertThat(threadView(thread).messageCount()).isEqualTo(41);
        assertProjectionsVerifyClean();
    }

    @Test
    void a_transaction_touching_more_threads_than_are_kept_writes_every_one() {
        ProjectId project = project();
        int count = 5_000;
        List<ThreadId> threads = store.inTransaction(() -> IntStream.range(0, count)
                .mapToObj(i ->
                        store.execute(new CreateThread(project, "t" + i, "m")).threadId())
                .toList());
        store.inTransaction(() -> {
            for (ThreadId thread : threads) {
                store.execute(new RenameThread(thread, "renamed"));
            }
            return null;
        });

        List<ThreadView> stored = store.queries().threads(new ThreadFilter(project, true, true));
        assertThat(stored).hasSize(count).allSatisfy(t -> {
            assertThat(t.title()).isEqualTo("renamed");
            assertThat(t.version()).isEqualTo(1);
        });
        assertProjectionsVerifyClean();
    }

    @Test
    void events_appended_in_the_transaction_before_a_command_are_projected_by_its_catch_up() {
        long before = lastSequence();
        store.inTransaction(() -> {
            store.events()
                    .append(AppendBatch.of(NewEvent.of(
                            new SettingChanged("appended.raw", "1", Instant.parse("2026-11-24T09:00:00Z")))));
            store.execute(new SetSetting("set.by.command", "2"));
            return null;
        });

        assertThat(lastSequence()).isEqualTo(before + 2);
        assertThat(store.queries().settings())
                .extracting(SettingView::key)
                .containsExactly("appended.raw", "set.by.command");
        assertProjectionsVerifyClean();
    }
}
