package dev.threadline.domain.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a conversation thread (also its stream id). */
public record ThreadId(UUID value) implements Identifier {

    /** Wraps a UUID, which must not be null. */
    public ThreadId {
        Objects.requireNonNull(value, "threadId");
    }

    /** A new time-ordered (UUIDv7) id. */
    public static ThreadId next() {
        return new ThreadId(UuidV7.next());
    }

    /**
     * Parses the canonical UUID form.
     *
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static ThreadId parse(String text) {
        return new ThreadId(UuidV7.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
