package dev.threadline.application.command;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.List;
import java.util.Objects;

/** Ends the thread's running turn normally. */
public record CompleteTurn(ThreadId threadId) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public CompleteTurn {
        Objects.requireNonNull(threadId, "threadId");
    }

    @Override
    public Decision decide(CommandContext context) {
        return end(context, threadId, ThreadRules.Ending.COMPLETED, null);
    }

    /** Ends the thread's running turn, completing its streaming messages. */
    static Decision end(CommandContext context, ThreadId threadId, ThreadRules.Ending ending, String error) {
        ThreadView thread = context.thread(threadId);
        List<MessageId> streaming =
                thread.runningTurn() == null ? List.of() : context.streamingMessagesOf(thread.runningTurn());
        return Decision.of(ThreadRules.endTurn(thread.state(), ending, error, streaming, context.now()))
                .expecting(threadId.toString(), thread.version());
    }
}
