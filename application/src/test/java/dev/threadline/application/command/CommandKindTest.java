package dev.threadline.application.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandKindTest {

    /** The kinds stored in receipts written so far: a receipt must keep matching its command. */
    private static final List<String> STORED_KINDS = List.of(
            "CreateProject",
            "RenameProject",
            "DeleteProject",
            "CreateThread",
            "RenameThread",
            "ArchiveThread",
            "UnarchiveThread",
            "DeleteThread",
            "StartTurn",
            "CompleteTurn",
            "FailTurn",
            "InterruptTurn",
            "AddMessage",
            "AppendDelta",
            "CompleteMessage",
            "CreateCheckpoint",
            "RestoreCheckpoint",
            "SetSetting",
            "UnsetSetting");

    @Test
    void every_permitted_command_class_has_exactly_one_kind() {
        List<Class<?>> permitted = List.of(Command.class.getPermittedSubclasses());

        for (Class<?> commandClass : permitted) {
            assertThat(Arrays.stream(CommandKind.values()).filter(k -> k.commandClass() == commandClass))
                    .as("kinds declared for %s", commandClass.getSimpleName())
                    .hasSize(1);
        }
        assertThat(CommandKind.values()).hasSameSizeAs(permitted.toArray());
    }

    @Test
    void kind_names_are_unique_and_resolve_back_to_their_kind() {
        for (CommandKind kind : CommandKind.values()) {
            assertThat(CommandKind.named(kind.kindName())).contains(kind);
        }
        assertThat(Arrays.stream(CommandKind.values())
                        .map(CommandKind::kindName)
                        .distinct())
                .hasSize(CommandKind.values().length);
    }

    @Test
    void the_kinds_stored_in_earlier_receipts_still_name_the_same_commands() {
        for (String stored : STORED_KINDS) {
            assertThat(CommandKind.named(stored))
                    .as("a receipt stored with kind %s", stored)
                    .hasValueSatisfying(kind ->
                            assertThat(kind.commandClass().getSimpleName()).isEqualTo(stored));
        }
    }

    @Test
    void a_command_reports_the_kind_declared_for_its_class() {
        Command command = new CreateProject("shop", "/src/shop");

        assertThat(command.kind()).isEqualTo("CreateProject");
        assertThat(CommandKind.of(command)).isEqualTo(CommandKind.CREATE_PROJECT);
    }

    @Test
    void created_ids_are_read_typed_under_their_names() {
        ProjectId project = ProjectId.next();
        ThreadId thread = ThreadId.next();
        TurnId turn = TurnId.next();
        MessageId message = MessageId.next();
        CheckpointId checkpoint = CheckpointId.next();
        Decision decision = Decision.of(List.of())
                .withId(project)
                .withId(thread)
                .withId(turn)
                .withId(message)
                .withId(checkpoint);

        CommandResult result = new CommandResult(decision.ids(), 7, 1);

        assertThat(result.ids()).containsOnlyKeys("projectId", "threadId", "turnId", "messageId", "checkpointId");
        assertThat(result.projectId()).isEqualTo(project);
        assertThat(result.threadId()).isEqualTo(thread);
        assertThat(result.turnId()).isEqualTo(turn);
        assertThat(result.messageId()).isEqualTo(message);
        assertThat(result.addedMessage()).contains(message);
        assertThat(result.checkpointId()).isEqualTo(checkpoint);
    }

    @Test
    void asking_for_an_id_the_command_did_not_create_says_so() {
        CommandResult result =
                new CommandResult(java.util.Map.of("turnId", TurnId.next().toString()), 3, 1);

        assertThat(result.addedMessage()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(result::messageId)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("messageId");
    }
}
