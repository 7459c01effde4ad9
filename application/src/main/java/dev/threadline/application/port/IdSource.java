package dev.threadline.application.port;

import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.id.UuidV7;
import java.util.UUID;

/**
 * The source of new ids for events and the things commands create.
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
}
