package dev.threadline.application.command;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Hides a thread from default listings and makes it read-only. */
public record ArchiveThread(ThreadId threadId) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public ArchiveThread {
        Objects.requireNonNull(threadId, "threadId");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView thread = context.thread(threadId);
        return Decision.of(ThreadRules.archive(thread.state(), context.now()))
                .expecting(threadId.toString(), thread.version());
    }
}
