package dev.threadline.application.command;

import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Ends the thread's running turn with an error. */
public record FailTurn(ThreadId threadId, String error) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public FailTurn {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(error, "error");
    }

    @Override
    public Decision decide(CommandContext context) {
        return CompleteTurn.end(context, threadId, ThreadRules.Ending.FAILED, error);
    }
}
