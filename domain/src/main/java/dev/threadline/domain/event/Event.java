package dev.threadline.domain.event;

import java.time.Instant;

/**
 * An immutable fact recorded in the log. The family is closed: {@link EventType} gives each member
 * its stable stored name, and every switch over it is checked by the compiler.
 */
public sealed interface Event
        permits ProjectCreated,
                ProjectRenamed,
                ProjectDeleted,
                ThreadCreated,
                ThreadRenamed,
                ThreadArchived,
                ThreadUnarchived,
                ThreadDeleted,
                TurnStarted,
                TurnCompleted,
                TurnFailed,
                TurnInterrupted,
                MessageAdded,
                MessageDeltaAppended,
                MessageCompleted,
                CheckpointCreated,
                CheckpointRestored,
                SettingChanged,
                ThreadForked,
                ThreadPurged,
                EventsQuarantined {

    /** The id of the one stream of global settings. */
    String SETTINGS_STREAM = "settings";

    /** The id of the stream of what happened to the store itself (purges, quarantines). */
    String STORE_STREAM = "store";

    /** The stream this event belongs to: its project, its thread, {@link #SETTINGS_STREAM} or {@link
     * #STORE_STREAM}. */
    String streamId();

    /** When it happened. */
    Instant at();

    /** Its stable type name, as stored. */
    default String typeName() {
        return EventType.of(this).typeName();
    }
}
