package dev.threadline.application.command;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Starts a turn in a thread, with the user's prompt (null for none) as its first message. */
public record StartTurn(ThreadId threadId, String prompt) implements Command, ActsOnThread {

    /** Checks that the required fields are present. */
    public StartTurn {
        Objects.requireNonNull(threadId, "threadId");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadView thread = context.thread(threadId);
        TurnId turn = context.ids().turnId();
        MessageId promptId = context.ids().messageId();
        Decision decision = Decision.of(ThreadRules.startTurn(thread.state(), turn, promptId, prompt, context.now()))
                .expecting(threadId.toString(), thread.version())
                .withId(turn);
        return prompt == null ? decision : decision.withId(promptId);
    }
}
