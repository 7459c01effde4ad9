package dev.threadline.bootstrap.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.FailTurn;
import dev.threadline.application.command.InterruptTurn;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.MessageAdded;
import dev.threadline.domain.event.MessageCompleted;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.TurnCompleted;
import dev.threadline.domain.event.TurnFailed;
import dev.threadline.domain.event.TurnInterrupted;
import dev.threadline.domain.event.TurnStarted;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnCommandsTest extends CommandFixture {

    private List<TurnView> turns(ThreadId thread) {
        return store.queries().transcript(thread).turns().stream()
                .map(t -> t.turn())
                .toList();
    }

    private List<MessageView> messages(ThreadId thread) {
        return store.queries().transcript(thread).turns().stream()
                .flatMap(t -> t.messages().stream())
                .toList();
    }

    @Test
    void starting_a_turn_with_a_prompt_stores_turn_started_and_the_user_message_in_one_batch() {
        ThreadId thread = thread();
        long before = lastSequence();

        CommandResult result = store.execute(new StartTurn(thread, "why?"), "start-1");

        TurnId turn = result.turnId();
        MessageId prompt = result.messageId();
        List<StoredEvent> batch = logAfter(before);
        Instant at = batch.get(0).event().at();
        assertThat(batch)
                .extracting(StoredEvent::event)
                .containsExactly(
                        new TurnStarted(thread, turn, at),
                        new MessageAdded(thread, turn, prompt, Role.USER, "why?", false, at));
        assertThat(batch).extracting(StoredEvent::sequence).containsExactly(before + 1, before + 2);
        assertThat(batch).extracting(StoredEvent::commandId).containsOnly("start-1");
        assertThat(result.lastSequence()).isEqualTo(before + 2);

        ThreadView view = store.queries().thread(thread);
        assertThat(view.runningTurn()).isEqualTo(turn);
        assertThat(view.turnCount()).isEqualTo(1);
        assertThat(view.messageCount()).isEqualTo(1);
        assertThat(view.lastActivityAt()).isEqualTo(at);
        assertThat(turns(thread))
                .extracting(TurnView::id, TurnView::ordinal, TurnView::status, TurnView::error, TurnView::endedAt)
                .containsExactly(tuple(turn, 1L, TurnStatus.RUNNING, null, null));
        assertThat(messages(thread))
                .extracting(MessageView::id, MessageView::role, MessageView::text, MessageView::streaming)
                .containsExactly(tuple(prompt, Role.USER, "why?", false));
        assertProjectionsClean();
    }

    @Test
    void starting_a_turn_without_a_prompt_stores_only_turn_started() {
        ThreadId thread = thread();
        long before = lastSequence();

        CommandResult result = store.execute(new StartTurn(thread, null));

        assertThat(result.ids()).containsOnlyKeys("turnId");
        assertThat(eventsAfter(before)).singleElement().isInstanceOf(TurnStarted.class);
        assertThat(store.queries().thread(thread).messageCount()).isZero();
        assertThat(store.queries().thread(thread).turnCount()).isEqualTo(1);
    }

    @Test
    void a_second_running_turn_is_refused() {
        ThreadId thread = thread();
        startTurn(thread);

        assertRefused(new StartTurn(thread, "again"), "one-running-turn");
    }

    @Test
    void a_new_turn_may_start_once_the_running_one_ended() {
        ThreadId thread = thread();
        TurnId first = endedTurn(thread);

        TurnId second = startTurn(thread);

        assertThat(turns(thread))
                .extracting(TurnView::id, TurnView::ordinal, TurnView::status)
                .containsExactly(tuple(first, 1L, TurnStatus.COMPLETED), tuple(second, 2L, TurnStatus.RUNNING));
        assertThat(store.queries().thread(thread).turnCount()).isEqualTo(2);
        assertThat(store.queries().thread(thread).messageCount()).isEqualTo(2);
    }

    @Test
    void completing_the_running_turn_marks_it_completed_and_the_thread_idle() {
        ThreadId thread = thread();
        TurnId turn = startTurn(thread);
        long before = lastSequence();

        store.execute(new CompleteTurn(thread));

        Event event = eventsAfter(before).get(0);
        assertThat(eventsAfter(before)).containsExactly(new TurnCompleted(thread, turn, event.at()));
        assertThat(turns(thread))
                .extracting(TurnView::status, TurnView::error, TurnView::endedAt)
                .containsExactly(tuple(TurnStatus.COMPLETED, null, event.at()));
        assertThat(store.queries().thread(thread).runningTurn()).isNull();
        assertThat(store.queries().thread(thread).lastActivityAt()).isEqualTo(event.at());
        assertProjectionsClean();
    }

    @Test
    void failing_the_running_turn_records_its_error() {
        ThreadId thread = thread();
        TurnId turn = startTurn(thread);
        long before = lastSequence();

        store.execute(new FailTurn(thread, "rate limited"));

        Event event = eventsAfter(before).get(0);
        assertThat(eventsAfter(before)).containsExactly(new TurnFailed(thread, turn, "rate limited", event.at()));
        assertThat(turns(thread))
                .extracting(TurnView::status, TurnView::error, TurnView::endedAt)
                .containsExactly(tuple(TurnStatus.FAILED, "rate limited", event.at()));
        assertThat(store.queries().thread(thread).runningTurn()).isNull();
        assertProjectionsClean();
    }

    @Test
    void failing_a_turn_with_a_blank_error_is_refused() {
        ThreadId thread = thread();
        startTurn(thread);

        assertRefused(new FailTurn(thread, " "), "turn-error-required");
    }

    @Test
    void interrupting_the_running_turn_marks_it_interrupted() {
        ThreadId thread = thread();
        TurnId turn = startTurn(thread);
        long before = lastSequence();

        store.execute(new InterruptTurn(thread));

        Event event = eventsAfter(before).get(0);
        assertThat(eventsAfter(before)).containsExactly(new TurnInterrupted(thread, turn, event.at()));
        assertThat(turns(thread))
                .extracting(TurnView::status, TurnView::endedAt)
                .containsExactly(tuple(TurnStatus.INTERRUPTED, event.at()));
        assertProjectionsClean();
    }

    @Test
    void ending_a_turn_when_none_runs_is_refused() {
        ThreadId thread = thread();

        assertRefused(new CompleteTurn(thread), "turn-running");
        assertRefused(new FailTurn(thread, "boom"), "turn-running");
        assertRefused(new InterruptTurn(thread), "turn-running");

        endedTurn(thread);

        assertRefused(new CompleteTurn(thread), "turn-running");
        assertRefused(new FailTurn(thread, "boom"), "turn-running");
        assertRefused(new InterruptTurn(thread), "turn-running");
    }

    @Test
    void ending_a_turn_completes_its_streaming_messages_before_the_turn() {
        ThreadId thread = thread();
        TurnId turn = startTurn(thread);
        MessageId first = addMessage(thread, "a", true);
        MessageId done = addMessage(thread, "b", false);
        MessageId second = addMessage(thread, "c", true);
        long before = lastSequence();

        CommandResult result = store.execute(new FailTurn(thread, "boom"));

        List<Event> events = eventsAfter(before);
        Instant at = events.get(0).at();
        assertThat(events)
                .containsExactly(
                        new MessageCompleted(thread, first, at),
                        new MessageCompleted(thread, second, at),
                        new TurnFailed(thread, turn, "boom", at));
        assertThat(result.eventCount()).isEqualTo(3);
        assertThat(messages(thread)).extracting(MessageView::id).endsWith(first, done, second);
        assertThat(messages(thread)).extracting(MessageView::streaming).containsOnly(false);
        assertProjectionsClean();
    }
}
