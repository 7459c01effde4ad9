package dev.threadline.domain.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a git checkpoint of a thread. */
public record CheckpointId(UUID value) implements Identifier {

    /** Wraps a UUID, which must not be null. */
    public CheckpointId {
        Objects.requireNonNull(value, "checkpointId");
    }

    /** A new time-ordered (UUIDv7) id. */
    public static CheckpointId next() {
        return new CheckpointId(UuidV7.next());
    }

    /**
     * Parses the canonical UUID form.
     *
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static CheckpointId parse(String text) {
        return new CheckpointId(UuidV7.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
