package dev.threadline.application.command;

import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/**
 * Starts a thread whose history is another's up to and including a message, by reference: only
 * the new thread's first event is written, whatever the parent's size.
 *
 * @param threadId the thread to fork
 * @param atMessageId the last message the fork inherits: complete, in the thread's transcript
 * @param title the fork's title, or null for the parent's followed by "(fork)"
 */
public record ForkThread(ThreadId threadId, MessageId atMessageId, String title) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public ForkThread {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(atMessageId, "atMessageId");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView parent = context.thread(threadId);
        MessageView message = context.message(atMessageId);
        ThreadId id = context.ids().threadId();
        String forkTitle = title != null ? title : parent.title() + " (fork)";
        return Decision.of(ThreadRules.fork(
                        id,
                        parent.state(),
                        message.state(),
                        context.inTranscript(parent, message),
                        forkTitle,
                        parent.model(),
                        context.now()))
                .expecting(id.toString(), -1)
                .withId(id);
    }
}
