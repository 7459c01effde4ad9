package dev.threadline.application.command;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Soft-deletes a thread. */
public record DeleteThread(ThreadId threadId) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public DeleteThread {
        Objects.requireNonNull(threadId, "threadId");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView thread = context.thread(threadId);
        return Decision.of(ThreadRules.delete(thread.state(), context.now()))
                .expecting(threadId.toString(), thread.version());
    }
}
