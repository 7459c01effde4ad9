package dev.threadline.application.port;

import dev.threadline.domain.event.Event;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.id.UuidV7;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.NewEvent;
import java.util.UUID;

/**
 * The source of new ids for events and the things commands create. Application and adapter code
 * takes every new id from here, never from the id types' static {@code next()} (an architecture
 * test holds it to that), so a test can make ids deterministic.
 *
 * <p>Concurrency: safe to call from any thread; no two calls in a process return the same UUID.
 * The default, {@link #timeOrdered()}, returns UUIDv7s increasing within the process, which keeps
 * inserts at the end of an ordered index; tests may supply a deterministic source.
 */
@FunctionalInterface
public interface IdSource {

    /** A new UUID, never returned before. */
    UUID next();

    /** Time-ordered UUIDv7s. */
    static IdSource timeOrdered() {
        return UuidV7::next;
    }

    /** A new event id. */
    default EventId eventId() {
        return new EventId(next());
    }

    /** A new project id. */
    default ProjectId projectId() {
        return new ProjectId(next());
    }

    /** A new thread id. */
    default ThreadId threadId() {
        return new ThreadId(next());
    }

    /** A new turn id. */
    default TurnId turnId() {
        return new TurnId(next());
    }

    /** A new message id. */
    default MessageId messageId() {
        return new MessageId(next());
    }

    /** A new checkpoint id. */
    default CheckpointId checkpointId() {
        return new CheckpointId(next());
    }

    /** An event to append under a new id, with no metadata. */
    default NewEvent newEvent(Event event) {
        return new NewEvent(eventId(), event, EventMetadata.NONE);
    }
}
