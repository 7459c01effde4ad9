package dev.threadline.application.command;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.MessageState;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Appends streamed text to a streaming message. */
public record AppendDelta(ThreadId threadId, MessageId messageId, String delta) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public AppendDelta {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(delta, "delta");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView thread = context.thread(threadId);
        MessageState message = context.messageState(messageId);
        return Decision.of(ThreadRules.appendDelta(thread.state(), message, delta, context.now()))
                .expecting(threadId.toString(), thread.version());
    }
}
