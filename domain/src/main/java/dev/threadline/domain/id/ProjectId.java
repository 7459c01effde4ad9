package dev.threadline.domain.id;

import java.util.Objects;
import java.util.UUID;

/** Identifies a project (also its stream id). */
public record ProjectId(UUID value) implements Identifier {

    /** Wraps a UUID, which must not be null. */
    public ProjectId {
        Objects.requireNonNull(value, "projectId");
    }

    /** A new time-ordered (UUIDv7) id. */
    public static ProjectId next() {
        return new ProjectId(UuidV7.next());
    }

    /**
     * Parses the canonical UUID form.
     *
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static ProjectId parse(String text) {
        return new ProjectId(UuidV7.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
