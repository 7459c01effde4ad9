package dev.threadline.application.command;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.MessageState;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Makes a streaming message final. */
public record CompleteMessage(ThreadId threadId, MessageId messageId) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public CompleteMessage {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(messageId, "messageId");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView thread = context.thread(threadId);
        MessageState message = context.messageState(messageId);
        return Decision.of(ThreadRules.completeMessage(thread.state(), message, context.now()))
                .expecting(threadId.toString(), thread.version());
    }
}
