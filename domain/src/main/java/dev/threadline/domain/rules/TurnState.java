package dev.threadline.domain.rules;

import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;

/**
 * What the rules need to know about a turn.
 *
 * @param id the turn
 * @param threadId its thread
 * @param status where it stands
 */
public record TurnState(TurnId id, ThreadId threadId, TurnStatus status) {}
