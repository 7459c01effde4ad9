package dev.threadline.domain.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies one request/response cycle of a thread. */
public record TurnId(UUID value) implements Identifier {

    /** Wraps a UUID, which must not be null. */
    public TurnId {
        Objects.requireNonNull(value, "turnId");
    }

    /** A new time-ordered (UUIDv7) id. */
    public static TurnId next() {
        return new TurnId(UuidV7.next());
    }

    /**
     * Parses the canonical UUID form.
     *
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static TurnId parse(String text) {
        return new TurnId(UuidV7.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
