package dev.threadline.archfixture.application.minting;

import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.NewEvent;
import java.time.Instant;

/** A planted violation: a use case that mints its ids itself instead of asking the id source. */
public final class MintingUseCase {

    private MintingUseCase() {}

    /** A new thread's id, minted statically. */
    public static ThreadId newThread() {
        return ThreadId.next();
    }

    /** An event under an id minted statically. */
    public static NewEvent newEvent() {
        return NewEvent.of(new SettingChanged("k", "v", Instant.EPOCH));
    }
}
