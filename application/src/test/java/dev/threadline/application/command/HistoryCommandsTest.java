package dev.threadline.application.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.query.Transcript;
import dev.threadline.application.readmodel.ForkPoint;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.ThreadForked;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forks and search, as the commands and queries see them; subclasses run them on other storages. */
public class HistoryCommandsTest extends CommandFixture {

    private ThreadId parent;
    private List<MessageId> messages;

    /** A parent of three completed turns, two messages each: six messages. */
    @BeforeEach
    void parentOfThreeTurns() {
        parent = thread();
        for (int turn = 1; turn <= 3; turn++) {
            store.execute(new StartTurn(parent, "question " + turn));
            addMessage(parent, "answer " + turn, false);
            store.execute(new CompleteTurn(parent));
        }
        messages = transcriptMessages(parent).stream().map(MessageView::id).toList();
    }

    private List<MessageView> transcriptMessages(ThreadId thread) {
        return store.queries().transcript(thread).turns().stream()
                .flatMap(turn -> turn.messages().stream())
                .toList();
    }

    private List<String> texts(ThreadId thread) {
        return transcriptMessages(thread).stream().map(MessageView::text).toList();
    }

    private ThreadId fork(ThreadId thread, MessageId at) {
        return store.execute(new ForkThread(thread, at, null)).threadId();
    }

    private List<SearchHit> search(String query) {
        return store.queries().search(query, SearchFilter.none());
    }

    @Test
    void a_fork_inherits_up_to_and_including_the_first_a_middle_or_the_last_message() {
        assertThat(texts(fork(parent, messages.get(0)))).containsExactly("question 1");
        assertThat(texts(fork(parent, messages.get(2)))).containsExactly("question 1", "answer 1", "question 2");
        assertThat(texts(fork(parent, messages.get(5)))).isEqualTo(texts(parent));
        assertProjectionsClean();
    }

    @Test
    void forking_writes_one_event_and_copies_no_row() {
        long before = lastSequence();
        ThreadId fork = fork(parent, messages.get(3));
        assertThat(eventsAfter(before)).singleElement().isInstanceOfSatisfying(ThreadForked.class, e -> {
            assertThat(e.parentThreadId()).isEqualTo(parent);
            assertThat(e.atMessageId()).isEqualTo(messages.get(3));
        });
        assertThat(store.queries().thread(fork).forkedFrom()).isEqualTo(new ForkPoint(parent, messages.get(3)));
        Transcript transcript = store.queries().transcript(fork);
        assertThat(transcript.turns())
                .allSatisfy(turn -> assertThat(turn.turn().threadId()).isEqualTo(parent));
        assertThat(transcript.turns()).hasSize(2);
    }

    @Test
    void a_fork_can_fork_at_a_completed_message_of_a_running_turn() {
        store.execute(new StartTurn(parent, "question 4"));
        MessageId done = addMessage(parent, "partial answer", false);
        addMessage(parent, "still talking", false);
        ThreadId fork = fork(parent, done);
        assertThat(texts(fork)).endsWith("question 4", "partial answer");
        assertThat(store.queries().thread(fork).runningTurn()).isNull();
        store.execute(new StartTurn(fork, "go on in the fork"));
        assertThat(texts(fork)).endsWith("partial answer", "go on in the fork");
        assertProjectionsClean();
    }

    @Test
    void forking_is_refused_at_a_streaming_message_an_unknown_one_or_from_a_deleted_thread() {
        store.execute(new StartTurn(parent, "question 4"));
        MessageId streaming = addMessage(parent, "typing", true);
        assertRefused(new ForkThread(parent, streaming, null), "fork-message-completed");
        assertRefused(new ForkThread(parent, MessageId.next(), null), NotFound.class);
        ThreadId other = thread(project("other", "/src/other"));
        assertRefused(new ForkThread(other, messages.get(0), null), "fork-message-in-transcript");
        store.execute(new CompleteTurn(parent));
        store.execute(new DeleteThread(parent));
        assertRefused(new ForkThread(parent, messages.get(0), null), "fork-parent-not-deleted");
    }

    @Test
    void an_archived_thread_can_be_forked() {
        store.execute(new ArchiveThread(parent));
        assertThat(texts(fork(parent, messages.get(1)))).containsExactly("question 1", "answer 1");
    }

    @Test
    void a_fork_of_a_fork_composes_both_lineages_and_own_turns_never_show_in_the_parent() {
        ThreadId first = fork(parent, messages.get(3));
        store.execute(new StartTurn(first, "fork question"));
        MessageId own = addMessage(first, "fork answer", false);
        store.execute(new CompleteTurn(first));

        ThreadId second = fork(first, own);
        assertThat(texts(second))
                .containsExactly("question 1", "answer 1", "question 2", "answer 2", "fork question", "fork answer");
        // At a message the first fork inherited: the second fork stops there.
        ThreadId third = fork(first, messages.get(1));
        assertThat(texts(third)).containsExactly("question 1", "answer 1");
        // Not at a message past the first fork's point.
        assertRefused(new ForkThread(first, messages.get(4), null), "fork-message-in-transcript");

        store.execute(new StartTurn(second, "second fork question"));
        assertThat(texts(parent)).doesNotContain("fork question", "second fork question");
        assertThat(texts(first)).doesNotContain("second fork question");
        assertThat(store.queries().transcript(second).turns())
                .extracting(turn -> turn.turn().ordinal())
                .containsExactly(1L, 2L, 3L, 4L);
        assertProjectionsClean();
    }

    @Test
    void search_attributes_an_inherited_message_to_the_thread_that_wrote_it_once() {
        ThreadId fork = fork(parent, messages.get(5));
        store.execute(new StartTurn(fork, "answer in the fork"));
        List<SearchHit> hits = search("answer 3");
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.threadId()).isEqualTo(parent);
            assertThat(hit.messageId()).isEqualTo(messages.get(5));
        });
        assertThat(search("\"answer in the fork\""))
                .singleElement()
                .satisfies(hit -> assertThat(hit.threadId()).isEqualTo(fork));
        assertThat(store.queries().search("answer", new SearchFilter(null, fork, null, 20)))
                .extracting(SearchHit::threadId)
                .containsOnly(fork);
    }

    @Test
    void a_streamed_message_is_indexed_when_it_completes_in_that_transaction_never_per_delta() {
        store.execute(new StartTurn(parent, "question 4"));
        MessageId streamed = addMessage(parent, "", true);
        store.execute(new AppendDelta(parent, streamed, "the quokka "));
        store.execute(new AppendDelta(parent, streamed, "smiles"));
        assertThat(search("quokka")).isEmpty();
        assertProjectionsClean();

        long before = lastSequence();
        store.execute(new CompleteMessage(parent, streamed));
        assertThat(lastSequence()).isEqualTo(before + 1);
        assertThat(search("quokka smiles"))
                .singleElement()
                .satisfies(hit -> assertThat(hit.messageId()).isEqualTo(streamed));
        assertProjectionsClean();
    }

    @Test
    void the_index_after_a_rebuild_equals_the_live_one_and_verify_compares_it() {
        ThreadId fork = fork(parent, messages.get(2));
        store.execute(new StartTurn(fork, "a question about quokkas"));
        store.execute(new AddMessage(fork, Role.ASSISTANT, "quokkas live on Rottnest", false));
        List<SearchHit> live = search("quokka* OR answer");
        store.projections().rebuild(p -> {});
        assertThat(search("quokka* OR answer")).isEqualTo(live);
        assertProjectionsClean();
    }

    @Test
    void a_deleted_thread_leaves_the_search() {
        assertThat(search("answer")).isNotEmpty();
        store.execute(new DeleteThread(parent));
        assertThat(search("answer")).isEmpty();
        assertProjectionsClean();
    }
}
