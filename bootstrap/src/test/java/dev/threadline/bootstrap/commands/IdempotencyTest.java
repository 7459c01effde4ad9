package dev.threadline.bootstrap.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.DeleteProject;
import dev.threadline.application.command.SetSetting;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.result.CommandResult;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import org.junit.jupiter.api.Test;

class IdempotencyTest extends CommandFixture {

    private void assertCommandIdReused(Runnable call) {
        Snapshot before = snapshot();
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("command-id-unique"));
        assertUnchangedSince(before);
    }

    @Test
    void a_blank_command_id_is_invalid_input_and_writes_nothing() {
        for (String blank : new String[] {"", " ", "\t"}) {
            Snapshot before = snapshot();
            assertThatThrownBy(() -> store.execute(new SetSetting("ui.theme", "dark"), blank))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("command id must not be blank");
            assertUnchangedSince(before);
        }
        store.execute(new SetSetting("ui.theme", "light"), "real-id");
        assertThat(store.queries().setting("ui.theme")).isPresent();
    }

    @Test
    void a_retried_command_returns_the_first_result_and_writes_nothing() {
        CommandResult first = store.execute(new CreateProject("demo", "/src/demo"), "create-demo");
        Snapshot after = snapshot();

        CommandResult retry = store.execute(new CreateProject("demo", "/src/demo"), "create-demo");

        assertThat(retry).isEqualTo(first);
        assertThat(retry.projectId()).isEqualTo(first.projectId());
        assertUnchangedSince(after);
        assertThat(lastSequence()).isEqualTo(1);
    }

    @Test
    void a_retried_multi_event_command_returns_every_id_and_the_same_last_sequence() {
        ThreadId thread = thread();
        CommandResult first = store.execute(new StartTurn(thread, "why?"), "start");
        Snapshot after = snapshot();

        CommandResult retry = store.execute(new StartTurn(thread, "why?"), "start");

        assertThat(retry).isEqualTo(first);
        assertThat(retry.ids()).containsOnlyKeys("turnId", "messageId");
        assertThat(retry.ids().keySet()).containsExactly("turnId", "messageId");
        assertThat(retry.eventCount()).isEqualTo(2);
        assertUnchangedSince(after);
    }

    @Test
    void a_retry_is_answered_even_when_the_command_would_now_be_refused() {
        ProjectId project = project();
        thread(project);
        CommandResult first = store.execute(new DeleteProject(project, true), "delete");
        Snapshot after = snapshot();

        CommandResult retry = store.execute(new DeleteProject(project, true), "delete");

        assertThat(retry).isEqualTo(first);
        assertUnchangedSince(after);
    }

    @Test
    void a_retry_after_reopening_the_store_returns_the_first_result() {
        CommandResult first = store.execute(new SetSetting("ui.theme", "dark"), "theme");
        store.close();
        store = Threadline.open(dir);
        Snapshot after = snapshot();

        CommandResult retry = store.execute(new SetSetting("ui.theme", "dark"), "theme");

        assertThat(retry).isEqualTo(first);
        assertUnchangedSince(after);
    }

    @Test
    void the_same_id_for_a_different_command_of_the_same_kind_is_refused() {
        store.execute(new CreateProject("demo", "/src/demo"), "create");

        assertCommandIdReused(() -> store.execute(new CreateProject("demo", "/src/other"), "create"));
    }

    @Test
    void the_same_id_for_a_command_of_another_kind_is_refused() {
        store.execute(new SetSetting("ui.theme", "dark"), "id-1");

        assertCommandIdReused(() -> store.execute(new CreateProject("demo", "/src/demo"), "id-1"));
    }

    @Test
    void events_of_a_command_carry_its_id() {
        ThreadId thread = thread();
        long before = lastSequence();

        store.execute(new StartTurn(thread, "why?"), "turn-1");
        store.execute(new CompleteTurn(thread));

        assertThat(logAfter(before)).extracting(StoredEvent::commandId).containsExactly("turn-1", "turn-1", null);
    }

    @Test
    void a_refused_command_with_an_id_writes_nothing_and_leaves_the_id_free() {
        ProjectId project = project();
        Snapshot before = snapshot();

        assertThatThrownBy(() -> store.execute(new CreateThread(project, " ", "m"), "thread-1"))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("thread-title-required"));
        assertUnchangedSince(before);
        assertThatThrownBy(() -> store.execute(new CreateThread(ProjectId.next(), "t", "m"), "thread-1"))
                .isInstanceOf(NotFound.class);
        assertUnchangedSince(before);

        CommandResult result = store.execute(new CreateThread(project, "t", "m"), "thread-1");

        assertThat(result.lastSequence()).isEqualTo(before.lastSequence() + 1);
        assertThat(store.queries().thread(result.threadId()).title()).isEqualTo("t");
    }

    @Test
    void a_refused_command_leaves_the_log_and_every_projection_unchanged() {
        ProjectId project = project();
        ThreadId thread = thread(project);
        startTurn(thread);
        store.execute(new SetSetting("ui.theme", "dark"));
        Snapshot before = snapshot();

        assertThatThrownBy(() -> store.execute(new StartTurn(thread, "again"), "again"))
                .isInstanceOf(DomainRuleViolation.class);
        assertThatThrownBy(() -> store.execute(new DeleteProject(project, false)))
                .isInstanceOf(DomainRuleViolation.class);
        assertThatThrownBy(() -> store.execute(new CreateProject("dup", "/src/demo")))
                .isInstanceOf(DomainRuleViolation.class);

        assertUnchangedSince(before);
        assertThat(store.projections().status().lag()).isZero();
    }

    @Test
    void a_missing_prompt_and_the_prompt_null_are_different_commands() {
        ThreadId thread = thread();
        store.execute(new StartTurn(thread, null), "start");
        store.execute(new CompleteTurn(thread));

        assertCommandIdReused(() -> store.execute(new StartTurn(thread, "null"), "start"));
    }

    @Test
    void commands_whose_fields_print_alike_are_different_commands() {
        store.execute(new CreateProject("a, path=/b", "/c"), "create");

        assertCommandIdReused(() -> store.execute(new CreateProject("a", "/b, path=/c"), "create"));
    }
}
