package dev.threadline.domain.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a stored event. */
public record EventId(UUID value) implements Identifier {

    /** Wraps a UUID, which must not be null. */
    public EventId {
        Objects.requireNonNull(value, "eventId");
    }

    /** A new time-ordered (UUIDv7) id. */
    public static EventId next() {
        return new EventId(UuidV7.next());
    }

    /**
     * Parses the canonical UUID form.
     *
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static EventId parse(String text) {
        return new EventId(UuidV7.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
