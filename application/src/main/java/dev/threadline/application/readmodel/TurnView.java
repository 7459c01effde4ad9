package dev.threadline.application.readmodel;

import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnState;
import dev.threadline.domain.rules.TurnStatus;
import java.time.Instant;

/**
 * A turn as the read model holds it.
 *
 * @param id the turn
 * @param threadId its thread
 * @param ordinal its 1-based place among the thread's turns
 * @param status where it stands
 * @param error the failure's error, or null
 * @param startedAt when it started
 * @param endedAt when it ended, or null while running
 */
public record TurnView(
        TurnId id,
        ThreadId threadId,
        long ordinal,
        TurnStatus status,
        String error,
        Instant startedAt,
        Instant endedAt) {

    /** What the decision rules need of it. */
    public TurnState state() {
        return new TurnState(id, threadId, status);
    }
}
