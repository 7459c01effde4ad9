package dev.threadline.application.command;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one declaration of every command's stable kind name. Receipts store these names and a
 * command's fingerprint starts with it, so renaming a Java class never breaks the retry of a command
 * id stored before; adding a command without a row here fails a test that walks the sealed family.
 */
public enum CommandKind {
    CREATE_PROJECT("CreateProject", CreateProject.class),
    RENAME_PROJECT("RenameProject", RenameProject.class),
    DELETE_PROJECT("DeleteProject", DeleteProject.class),
    CREATE_THREAD("CreateThread", CreateThread.class),
    RENAME_THREAD("RenameThread", RenameThread.class),
    ARCHIVE_THREAD("ArchiveThread", ArchiveThread.class),
    UNARCHIVE_THREAD("UnarchiveThread", UnarchiveThread.class),
    DELETE_THREAD("DeleteThread", DeleteThread.class),
    START_TURN("StartTurn", StartTurn.class),
    COMPLETE_TURN("CompleteTurn", CompleteTurn.class),
    FAIL_TURN("FailTurn", FailTurn.class),
    INTERRUPT_TURN("InterruptTurn", InterruptTurn.class),
    ADD_MESSAGE("AddMessage", AddMessage.class),
    APPEND_DELTA("AppendDelta", AppendDelta.class),
    COMPLETE_MESSAGE("CompleteMessage", CompleteMessage.class),
    CREATE_CHECKPOINT("CreateCheckpoint", CreateCheckpoint.class),
    RECORD_SNAPSHOT("RecordSnapshot", RecordSnapshot.class),
    RESTORE_CHECKPOINT("RestoreCheckpoint", RestoreCheckpoint.class),
    SET_SETTING("SetSetting", SetSetting.class),
    UNSET_SETTING("UnsetSetting", UnsetSetting.class),
    FORK_THREAD("ForkThread", ForkThread.class);

    private static final Map<String, CommandKind> BY_NAME = new HashMap<>();
    private static final Map<Class<?>, CommandKind> BY_CLASS = new HashMap<>();

    static {
        for (CommandKind kind : values()) {
            BY_NAME.put(kind.kindName, kind);
            BY_CLASS.put(kind.commandClass, kind);
        }
    }

    private final String kindName;
    private final Class<? extends Command> commandClass;

    CommandKind(String kindName, Class<? extends Command> commandClass) {
        this.kindName = kindName;
        this.commandClass = commandClass;
    }

    /** The stored name, as in a receipt's command type. */
    public String kindName() {
        return kindName;
    }

    /** The record class of commands of this kind. */
    public Class<? extends Command> commandClass() {
        return commandClass;
    }

    /** The kind of a command. */
    public static CommandKind of(Command command) {
        return BY_CLASS.get(command.getClass());
    }

    /** The kind stored under this name, if any. */
    public static Optional<CommandKind> named(String kindName) {
        return Optional.ofNullable(BY_NAME.get(kindName));
    }
}
