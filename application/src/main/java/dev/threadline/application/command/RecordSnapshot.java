package dev.threadline.application.command;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.List;
import java.util.Objects;

/**
 * Records a workspace snapshot, already captured under {@code refs/threadline/<threadId>/<checkpointId>},
 * as a checkpoint after an ended turn.
 *
 * @param threadId the thread
 * @param turnId the ended turn the snapshot follows
 * @param checkpointId the checkpoint's id, chosen before the capture because the snapshot's name holds it
 * @param commit the snapshot's commit id
 * @param skipped the paths the capture left out
 * @param message the checkpoint's description
 */
public record RecordSnapshot(
        ThreadId threadId,
        TurnId turnId,
        CheckpointId checkpointId,
        String commit,
        List<CheckpointCreated.Skipped> skipped,
        String message)
        implements Command, ActsOnThread {

    /** Checks that the required fields are present and copies the list. */
    public RecordSnapshot {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(message, "message");
        skipped = List.copyOf(skipped);
    }

    /** The snapshot's name. */
    public String gitRef() {
        return "refs/threadline/" + threadId + "/" + checkpointId;
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView thread = context.thread(threadId);
        TurnView turn = context.turn(turnId);
        return Decision.of(ThreadRules.createCheckpoint(
                        thread.state(), turn.state(), checkpointId, gitRef(), message, commit, skipped, context.now()))
                .expecting(threadId.toString(), thread.version())
                .withId(checkpointId);
    }
}
