package dev.threadline.application.result;

import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.Identifier;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a command did: the ids it created, the sequence of the last event it wrote and how many it
 * wrote. The created ids are read typed ({@link #projectId()}, {@link #threadId()} …); {@link
 * #ids()} lists them by name ({@code projectId}, {@code turnId} …) in a stable order, as the command
 * line prints them and receipts store them.
 *
 * @param ids the ids it created, by name, in a stable order
 * @param lastSequence the sequence of its last event
 * @param eventCount how many events it wrote
 */
public record CommandResult(Map<String, String> ids, long lastSequence, int eventCount) {

    /** Copies the ids, keeping their order. */
    public CommandResult {
        ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
    }

    /**
     * The project the command created.
     *
     * @throws IllegalStateException when it created none
     */
    public ProjectId projectId() {
        return created("projectId", ProjectId::parse);
    }

    /**
     * The thread the command created.
     *
     * @throws IllegalStateException when it created none
     */
    public ThreadId threadId() {
        return created("threadId", ThreadId::parse);
    }

    /**
     * The turn the command started.
     *
     * @throws IllegalStateException when it started none
     */
    public TurnId turnId() {
        return created("turnId", TurnId::parse);
    }

    /**
     * The message the command added (a turn's prompt, a message, a stream's message).
     *
     * @throws IllegalStateException when it added none
     */
    public MessageId messageId() {
        return created("messageId", MessageId::parse);
    }

    /** The message the command added, if it added one (a turn started without a prompt adds none). */
    public Optional<MessageId> addedMessage() {
        return Optional.ofNullable(ids.get("messageId")).map(MessageId::parse);
    }

    /**
     * The checkpoint the command created.
     *
     * @throws IllegalStateException when it created none
     */
    public CheckpointId checkpointId() {
        return created("checkpointId", CheckpointId::parse);
    }

    /** The name under which a created id is reported: {@code projectId}, {@code threadId} … */
    public static String nameOf(Identifier id) {
        if (id instanceof ProjectId) {
            return "projectId";
        } else if (id instanceof ThreadId) {
            return "threadId";
        } else if (id instanceof TurnId) {
            return "turnId";
        } else if (id instanceof MessageId) {
            return "messageId";
        } else if (id instanceof CheckpointId) {
            return "checkpointId";
        }
        throw new IllegalArgumentException(
                "a command creates no " + id.getClass().getSimpleName());
    }

    private <T> T created(String name, Function<String, T> parse) {
        String text = ids.get(name);
        if (text == null) {
            throw new IllegalStateException("the command created no " + name + "; it created " + ids.keySet());
        }
        return parse.apply(text);
    }
}
