package dev.threadline.domain.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a message of a thread. */
public record MessageId(UUID value) implements Identifier {

    /** Wraps a UUID, which must not be null. */
    public MessageId {
        Objects.requireNonNull(value, "messageId");
    }

    /** A new time-ordered (UUIDv7) id. */
    public static MessageId next() {
        return new MessageId(UuidV7.next());
    }

    /**
     * Parses the canonical UUID form.
     *
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static MessageId parse(String text) {
        return new MessageId(UuidV7.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
