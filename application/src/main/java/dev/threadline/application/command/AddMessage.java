package dev.threadline.application.command;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Adds a message to the thread's running turn; a streaming one takes deltas until completed. */
public record AddMessage(ThreadId threadId, Role role, String text, boolean streaming)
        implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public AddMessage {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView thread = context.thread(threadId);
        MessageId id = context.ids().messageId();
        return Decision.of(ThreadRules.addMessage(thread.state(), id, role, text, streaming, context.now()))
                .expecting(threadId.toString(), thread.version())
                .withId(id);
    }
}
