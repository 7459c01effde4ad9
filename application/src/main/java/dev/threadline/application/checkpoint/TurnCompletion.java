package dev.threadline.application.checkpoint;

import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.ThreadlineException;
import java.util.Objects;
import java.util.Optional;

/**
 * A completed turn and its automatic capture.
 *
 * @param result what completing the turn wrote
 * @param checkpoint the checkpoint captured after it, or null when none was attempted or it failed
 * @param captureFailure why the capture failed, or null; the turn is complete either way
 */
public record TurnCompletion(CommandResult result, CapturedCheckpoint checkpoint, ThreadlineException captureFailure) {

    /** Checks that the result is present. */
    public TurnCompletion {
        Objects.requireNonNull(result, "result");
    }

    /** The checkpoint captured after the turn, if one was. */
    public Optional<CapturedCheckpoint> captured() {
        return Optional.ofNullable(checkpoint);
    }

    /** Why the capture failed, if it did. */
    public Optional<ThreadlineException> failure() {
        return Optional.ofNullable(captureFailure);
    }
}
