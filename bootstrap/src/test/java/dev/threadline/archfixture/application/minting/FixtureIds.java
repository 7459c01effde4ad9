package dev.threadline.archfixture.application.minting;

import dev.threadline.domain.id.UuidV7;
import java.util.UUID;

/** The fixture's id source: the one class allowed to mint ids. */
public final class FixtureIds {

    private FixtureIds() {}

    /** A new id. */
    public static UUID next() {
        return UuidV7.next();
    }
}
