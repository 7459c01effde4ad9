package dev.threadline.application.command;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Gives a thread a new title. */
public record RenameThread(ThreadId threadId, String title) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public RenameThread {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(title, "title");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView thread = context.thread(threadId);
        return Decision.of(ThreadRules.rename(thread.state(), title, context.now()))
                .expecting(threadId.toString(), thread.version());
    }
}
