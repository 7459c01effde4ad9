package dev.threadline.application.command;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Records the workspace state after an ended turn as a git ref. */
public record CreateCheckpoint(ThreadId threadId, TurnId turnId, String gitRef, String message)
        implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public CreateCheckpoint {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(gitRef, "gitRef");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView thread = context.thread(threadId);
        TurnView turn = context.turn(turnId);
        CheckpointId id = context.ids().checkpointId();
        return Decision.of(
                        ThreadRules.createCheckpoint(thread.state(), turn.state(), id, gitRef, message, context.now()))
                .expecting(threadId.toString(), thread.version())
                .withId(id);
    }
}
