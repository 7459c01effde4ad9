package dev.threadline.application.readmodel;

import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.MessageState;
import java.time.Instant;

/**
 * A message as the read model holds it, its text accumulated from its deltas.
 *
 * @param id the message
 * @param threadId its thread
 * @param turnId its turn
 * @param ordinal its 1-based place among the thread's messages
 * @param role who wrote it
 * @param text its text so far
 * @param streaming whether more text may come
 * @param createdAt when it was added
 * @param updatedAt when its text last changed
 */
public record MessageView(
        MessageId id,
        ThreadId threadId,
        TurnId turnId,
        long ordinal,
        Role role,
        String text,
        boolean streaming,
        Instant createdAt,
        Instant updatedAt) {

    /** What the decision rules need of it. */
    public MessageState state() {
        return new MessageState(id, threadId, turnId, streaming);
    }
}
