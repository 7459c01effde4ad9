package dev.threadline.application.command;

import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Ends the thread's running turn because the user stopped it. */
public record InterruptTurn(ThreadId threadId) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public InterruptTurn {
        Objects.requireNonNull(threadId, "threadId");
    }

    @Override
    public Decision decide(CommandContext context) {
        return CompleteTurn.end(context, threadId, ThreadRules.Ending.INTERRUPTED, null);
    }
}
