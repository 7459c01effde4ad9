package dev.threadline.application.command;

/**
 * A request to change the store. Each kind is a record named {@code <Verb><Noun>}; the family is
 * closed so that {@link Commands} handles every kind.
 */
public sealed interface Command
        permits CreateProject,
                RenameProject,
                DeleteProject,
                CreateThread,
                RenameThread,
                ArchiveThread,
                UnarchiveThread,
                DeleteThread,
                StartTurn,
                CompleteTurn,
                FailTurn,
                InterruptTurn,
                AddMessage,
                AppendDelta,
                CompleteMessage,
                CreateCheckpoint,
                RecordSnapshot,
                RestoreCheckpoint,
                SetSetting,
                UnsetSetting,
                ForkThread {

    /**
     * Decides the events this command emits given the current state, or refuses it with a
     * domain error naming the broken rule.
     */
    Decision decide(CommandContext context);

    /** The command's stable kind name, as stored in receipts ({@link CommandKind}). */
    default String kind() {
        return CommandKind.of(this).kindName();
    }
}
