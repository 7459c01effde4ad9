package dev.threadline.domain.rules;

import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;

/**
 * What the rules need to know about a message.
 *
 * @param id the message
 * @param threadId its thread
 * @param turnId its turn
 * @param streaming whether it still takes deltas
 */
public record MessageState(MessageId id, ThreadId threadId, TurnId turnId, boolean streaming) {}
