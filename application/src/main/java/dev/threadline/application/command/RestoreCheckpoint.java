package dev.threadline.application.command;

import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Reverts a thread to one of its checkpoints. */
public record RestoreCheckpoint(ThreadId threadId, CheckpointId checkpointId) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public RestoreCheckpoint {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(checkpointId, "checkpointId");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView thread = context.thread(threadId);
        CheckpointView checkpoint = context.checkpoint(checkpointId);
        return Decision.of(ThreadRules.restoreCheckpoint(thread.state(), checkpoint.state(), context.now()))
                .expecting(threadId.toString(), thread.version());
    }
}
