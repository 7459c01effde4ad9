package dev.threadline.domain.rules;

import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;

/**
 * What the rules need to know about a checkpoint.
 *
 * @param id the checkpoint
 * @param threadId its thread
 * @param turnId the turn whose end it records
 */
public record CheckpointState(CheckpointId id, ThreadId threadId, TurnId turnId) {}
