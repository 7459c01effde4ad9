package dev.threadline.application.query;

import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import java.util.List;

/**
 * A thread's whole conversation: its turns in order, each with its messages and checkpoints. For a
 * fork, the inherited turns come first; each keeps the id of the thread that wrote it ({@code
 * turn().threadId()}), so the thread's own turns are those with its id.
 *
 * @param thread the thread
 * @param turns its turns, in order
 */
public record Transcript(ThreadView thread, List<Turn> turns) {

    /** Copies the list. */
    public Transcript {
        turns = List.copyOf(turns);
    }

    /**
     * One turn of a transcript.
     *
     * @param turn the turn
     * @param messages its messages, in order
     * @param checkpoints its checkpoints, in order
     */
    public record Turn(TurnView turn, List<MessageView> messages, List<CheckpointView> checkpoints) {

        /** Copies the lists. */
        public Turn {
            messages = List.copyOf(messages);
            checkpoints = List.copyOf(checkpoints);
        }
    }
}
