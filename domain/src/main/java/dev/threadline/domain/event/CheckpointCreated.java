package dev.threadline.domain.event;

import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The workspace state after a turn was recorded as a git ref: a snapshot Threadline captured (with
 * its commit) or a ref recorded by hand (without).
 *
 * @param threadId the thread
 * @param turnId the ended turn it follows
 * @param checkpointId the checkpoint
 * @param gitRef the ref naming the state
 * @param message its description
 * @param commit the snapshot's commit id (lower-case hexadecimal), or null for a ref recorded by
 *     hand
 * @param skipped the paths the snapshot left out, empty when none (and for rows stored before
 *     snapshots existed)
 * @param at when it was recorded
 */
public record CheckpointCreated(
        ThreadId threadId,
        TurnId turnId,
        CheckpointId checkpointId,
        String gitRef,
        String message,
        String commit,
        List<Skipped> skipped,
        Instant at)
        implements Event {

    /**
     * A path a snapshot left out.
     *
     * @param path relative to the workspace, with {@code /} between names
     * @param reason why, as a word: {@code too-large}, {@code nested-repository}
     */
    public record Skipped(String path, String reason) {

        /** Checks that both fields are present. */
        public Skipped {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Checks that every field but {@code commit} is present; a null {@code skipped} is none. */
    public CheckpointCreated {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(turnId, "turnId");
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(gitRef, "gitRef");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** A checkpoint of a ref recorded by hand: no commit, nothing skipped. */
    public static CheckpointCreated ofRef(
            ThreadId threadId, TurnId turnId, CheckpointId checkpointId, String gitRef, String message, Instant at) {
        return new CheckpointCreated(threadId, turnId, checkpointId, gitRef, message, null, List.of(), at);
    }

    @Override
    public String streamId() {
        return threadId.toString();
    }
}
