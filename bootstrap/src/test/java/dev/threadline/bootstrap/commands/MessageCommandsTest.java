package dev.threadline.bootstrap.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.command.CompleteMessage;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.MessageAdded;
import dev.threadline.domain.event.MessageCompleted;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import org.junit.jupiter.api.Test;

class MessageCommandsTest extends CommandFixture {

    private MessageView message(ThreadId thread, MessageId id) {
        return store.queries().transcript(thread).turns().stream()
                .flatMap(t -> t.messages().stream())
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_message_goes_to_the_running_turn() {
        ThreadId thread = thread();
        TurnId turn = startTurn(thread);
        long before = lastSequence();

        CommandResult result = store.execute(new AddMessage(thread, Role.ASSISTANT, "Because.", false));

        MessageId id = result.messageId();
        Event event = eventsAfter(before).get(0);
        assertThat(eventsAfter(before))
                .containsExactly(new MessageAdded(thread, turn, id, Role.ASSISTANT, "Because.", false, event.at()));
        MessageView view = message(thread, id);
        assertThat(view.turnId()).isEqualTo(turn);
        assertThat(view.ordinal()).isEqualTo(2);
        assertThat(view.text()).isEqualTo("Because.");
        assertThat(view.streaming()).isFalse();
        assertThat(store.queries().thread(thread).messageCount()).isEqualTo(2);
        assertThat(store.queries().thread(thread).lastActivityAt()).isEqualTo(event.at());
        assertProjectionsClean();
    }

    @Test
    void a_message_without_a_running_turn_is_refused() {
        ThreadId thread = thread();

        assertRefused(new AddMessage(thread, Role.ASSISTANT, "hi", false), "message-needs-running-turn");

        endedTurn(thread);

        assertRefused(new AddMessage(thread, Role.ASSISTANT, "hi", false), "message-needs-running-turn");
    }

    @Test
    void deltas_accumulate_into_a_streaming_message_until_it_completes() {
        ThreadId thread = thread();
        startTurn(thread);
        MessageId id = addMessage(thread, "", true);
        long before = lastSequence();

        store.execute(new AppendDelta(thread, id, "Because "));
        store.execute(new AppendDelta(thread, id, "of the "));
        store.execute(new AppendDelta(thread, id, "cache."));

        assertThat(eventsAfter(before))
                .extracting(e -> ((MessageDeltaAppended) e).delta())
                .containsExactly("Because ", "of the ", "cache.");
        MessageView streaming = message(thread, id);
        assertThat(streaming.text()).isEqualTo("Because of the cache.");
        assertThat(streaming.streaming()).isTrue();
        assertThat(streaming.updatedAt()).isEqualTo(eventsAfter(before).get(2).at());
        assertThat(store.queries().thread(thread).lastActivityAt())
                .isEqualTo(eventsAfter(before).get(2).at());
        assertThat(store.queries().thread(thread).messageCount()).isEqualTo(2);
        assertProjectionsClean();

        long beforeComplete = lastSequence();
        store.execute(new CompleteMessage(thread, id));

        Event completed = eventsAfter(beforeComplete).get(0);
        assertThat(completed).isEqualTo(new MessageCompleted(thread, id, completed.at()));
        assertThat(message(thread, id).streaming()).isFalse();
        assertThat(message(thread, id).text()).isEqualTo("Because of the cache.");
        assertProjectionsClean();
    }

    @Test
    void a_delta_to_a_message_that_is_not_streaming_is_refused() {
        ThreadId thread = thread();
        startTurn(thread);
        MessageId id = addMessage(thread, "final", false);

        assertRefused(new AppendDelta(thread, id, "more"), "message-streaming");
        assertRefused(new CompleteMessage(thread, id), "message-streaming");
    }

    @Test
    void a_delta_to_a_completed_message_is_refused() {
        ThreadId thread = thread();
        startTurn(thread);
        MessageId id = addMessage(thread, "", true);
        store.execute(new CompleteMessage(thread, id));

        assertRefused(new AppendDelta(thread, id, "more"), "message-streaming");
        assertRefused(new CompleteMessage(thread, id), "message-streaming");
    }

    @Test
    void a_delta_to_a_message_completed_by_the_end_of_its_turn_is_refused() {
        ThreadId thread = thread();
        startTurn(thread);
        MessageId id = addMessage(thread, "", true);
        store.execute(new CompleteTurn(thread));
        startTurn(thread);

        assertRefused(new AppendDelta(thread, id, "more"), "message-streaming");
    }

    @Test
    void a_delta_to_a_message_of_another_thread_is_refused() {
        ThreadId thread = thread();
        startTurn(thread);
        ThreadId other = thread(project("other", "/src/other"));
        startTurn(other);
        MessageId othersMessage = addMessage(other, "", true);

        assertRefused(new AppendDelta(thread, othersMessage, "more"), "message-of-thread");
        assertRefused(new CompleteMessage(thread, othersMessage), "message-of-thread");
        assertThat(message(other, othersMessage).text()).isEmpty();
    }

    @Test
    void a_delta_to_an_unknown_message_is_not_found() {
        ThreadId thread = thread();
        startTurn(thread);

        assertRefused(new AppendDelta(thread, MessageId.next(), "more"), NotFound.class);
    }
}
