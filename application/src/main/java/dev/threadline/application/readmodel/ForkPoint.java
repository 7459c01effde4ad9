package dev.threadline.application.readmodel;

import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import java.util.Objects;

/**
 * Where a forked thread's own history begins: it inherits its parent's transcript up to and
 * including a message.
 *
 * @param parent the thread it was forked from
 * @param atMessage the last message it inherits
 */
public record ForkPoint(ThreadId parent, MessageId atMessage) {

    /** Checks that both are present. */
    public ForkPoint {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(atMessage, "atMessage");
    }
}
