package dev.threadline.domain.id;

import java.util.UUID;

/** A value type wrapping a UUID; its string form is the UUID's canonical form. */
public interface Identifier {

    /** The wrapped UUID. */
    UUID value();
}
