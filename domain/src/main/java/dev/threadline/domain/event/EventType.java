package dev.threadline.domain.event;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one declaration of every event's stable type name. Stored rows and JSON carry these names,
 * so renaming a Java class never changes what is on disk; adding an event without a row here fails
 * a test that walks the sealed family.
 */
public enum EventType {
    PROJECT_CREATED("ProjectCreated", ProjectCreated.class),
    PROJECT_RENAMED("ProjectRenamed", ProjectRenamed.class),
    PROJECT_DELETED("ProjectDeleted", ProjectDeleted.class),
    THREAD_CREATED("ThreadCreated", ThreadCreated.class),
    THREAD_RENAMED("ThreadRenamed", ThreadRenamed.class),
    THREAD_ARCHIVED("ThreadArchived", ThreadArchived.class),
    THREAD_UNARCHIVED("ThreadUnarchived", ThreadUnarchived.class),
    THREAD_DELETED("ThreadDeleted", ThreadDeleted.class),
    TURN_STARTED("TurnStarted", TurnStarted.class),
    TURN_COMPLETED("TurnCompleted", TurnCompleted.class),
    TURN_FAILED("TurnFailed", TurnFailed.class),
    TURN_INTERRUPTED("TurnInterrupted", TurnInterrupted.class),
    MESSAGE_ADDED("MessageAdded", MessageAdded.class),
    MESSAGE_DELTA_APPENDED("MessageDeltaAppended", MessageDeltaAppended.class),
    MESSAGE_COMPLETED("MessageCompleted", MessageCompleted.class),
    CHECKPOINT_CREATED("CheckpointCreated", CheckpointCreated.class),
    CHECKPOINT_RESTORED("CheckpointRestored", CheckpointRestored.class),
    SETTING_CHANGED("SettingChanged", SettingChanged.class),
    THREAD_FORKED("ThreadForked", ThreadForked.class),
    THREAD_PURGED("ThreadPurged", ThreadPurged.class),
    EVENTS_QUARANTINED("EventsQuarantined", EventsQuarantined.class);

    private static final Map<String, EventType> BY_NAME = new HashMap<>();
    private static final Map<Class<?>, EventType> BY_CLASS = new HashMap<>();

    static {
        for (EventType type : values()) {
            BY_NAME.put(type.typeName, type);
            BY_CLASS.put(type.eventClass, type);
        }
    }

    private final String typeName;
    private final Class<? extends Event> eventClass;

    EventType(String typeName, Class<? extends Event> eventClass) {
        this.typeName = typeName;
        this.eventClass = eventClass;
    }

    /** The stored name, as in the {@code event_type} column and the payload's {@code type} field. */
    public String typeName() {
        return typeName;
    }

    /** The record class of events of this type. */
    public Class<? extends Event> eventClass() {
        return eventClass;
    }

    /** The type of an event. */
    public static EventType of(Event event) {
        return BY_CLASS.get(event.getClass());
    }

    /** The type stored under this name, if any. */
    public static Optional<EventType> named(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }
}
