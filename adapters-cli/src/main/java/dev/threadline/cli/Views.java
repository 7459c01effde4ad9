package dev.threadline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadline.application.query.Transcript;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.ForkPoint;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.id.ThreadId;
import java.util.List;
import java.util.function.Function;

/** How read-model views are shown, as JSON and as text. */
final class Views {

    private Views() {}

    static String state(ThreadView thread) {
        if (thread.deleted()) {
            return "deleted";
        }
        if (thread.archived()) {
            return "archived";
        }
        return thread.runningTurn() != null ? "running" : "idle";
    }

    static ObjectNode thread(Output output, ThreadView thread) {
        return output.object()
                .put("threadId", thread.id().toString())
                .put("projectId", thread.projectId().toString())
                .put("title", thread.title())
                .put("model", thread.model())
                .put("archived", thread.archived())
                .put("deleted", thread.deleted())
                .put("turnCount", thread.turnCount())
                .put("messageCount", thread.messageCount())
                .put("runningTurnId", Output.text(thread.runningTurn()))
                .put("createdAt", Output.text(thread.createdAt()))
                .put("lastActivityAt", Output.text(thread.lastActivityAt()))
                .put("version", thread.version())
                .put(
                        "parentThreadId",
                        thread.forkedFrom() == null
                                ? null
                                : Output.text(thread.forkedFrom().parent()))
                .put(
                        "forkMessageId",
                        thread.forkedFrom() == null
                                ? null
                                : Output.text(thread.forkedFrom().atMessage()));
    }

    static ObjectNode checkpoint(Output output, CheckpointView checkpoint) {
        return output.object()
                .put("checkpointId", checkpoint.id().toString())
                .put("threadId", checkpoint.threadId().toString())
                .put("turnId", checkpoint.turnId().toString())
                .put("gitRef", checkpoint.gitRef())
                .put("message", checkpoint.message())
                .put("createdAt", Output.text(checkpoint.createdAt()))
                .put("restoredAt", Output.text(checkpoint.restoredAt()))
                .put("commit", checkpoint.commit())
                .set("skipped", skipped(output, checkpoint.skipped()));
    }

    /** The paths a snapshot left out, as a JSON array of {@code {path, reason}}. */
    static ArrayNode skipped(Output output, List<CheckpointCreated.Skipped> skipped) {
        ArrayNode array = output.array();
        for (CheckpointCreated.Skipped path : skipped) {
            array.add(output.object().put("path", path.path()).put("reason", path.reason()));
        }
        return array;
    }

    /** A transcript as one JSON object, or as readable text. */
    static void transcript(Output output, Transcript transcript, Function<ThreadId, ThreadView> threads) {
        if (output.json()) {
            ObjectNode node = thread(output, transcript.thread());
            ArrayNode turns = output.array();
            for (Transcript.Turn turn : transcript.turns()) {
                TurnView view = turn.turn();
                ObjectNode turnNode = output.object()
                        .put("turnId", view.id().toString())
                        .put("threadId", view.threadId().toString())
                        .put("ordinal", view.ordinal())
                        .put("status", view.status().label())
                        .put("error", view.error())
                        .put("startedAt", Output.text(view.startedAt()))
                        .put("endedAt", Output.text(view.endedAt()));
                ArrayNode messages = output.array();
                for (MessageView message : turn.messages()) {
                    messages.add(output.object()
                            .put("messageId", message.id().toString())
                            .put("ordinal", message.ordinal())
                            .put("role", message.role().label())
                            .put("text", message.text())
                            .put("streaming", message.streaming())
                            .put("createdAt", Output.text(message.createdAt())));
                }
                turnNode.set("messages", messages);
                ArrayNode checkpoints = output.array();
                turn.checkpoints().forEach(checkpoint -> checkpoints.add(checkpoint(output, checkpoint)));
                turnNode.set("checkpoints", checkpoints);
                turns.add(turnNode);
            }
            node.set("turns", turns);
            output.json(node);
            return;
        }
        ThreadView thread = transcript.thread();
        output.line("Thread " + thread.id() + ": " + thread.title());
        output.line("  model " + thread.model() + ", " + state(thread) + ", " + thread.turnCount() + " turn(s), "
                + thread.messageCount() + " message(s)");
        for (ThreadView child = thread; child.forkedFrom() != null; ) {
            ForkPoint fork = child.forkedFrom();
            ThreadView parent = threads.apply(fork.parent());
            output.line("  forked from " + parent.id() + " (" + parent.title() + ") at message " + fork.atMessage());
            child = parent;
        }
        if (transcript.turns().isEmpty()) {
            output.line("  (no turns yet)");
        }
        for (Transcript.Turn turn : transcript.turns()) {
            TurnView view = turn.turn();
            output.line("");
            boolean inherited = !view.threadId().equals(thread.id());
            output.line("Turn " + view.ordinal() + " [" + view.status().label() + "] " + view.id()
                    + (inherited ? " (inherited from " + view.threadId() + ")" : "")
                    + (view.error() != null ? " error: " + view.error() : ""));
            for (MessageView message : turn.messages()) {
                String label = message.role().label() + (message.streaming() ? " (streaming)" : "");
                output.line("  " + label + ":");
                for (String line : message.text().split("\n", -1)) {
                    output.line("    " + line);
                }
            }
            for (CheckpointView checkpoint : turn.checkpoints()) {
                output.line("  checkpoint " + checkpoint.id() + " " + checkpoint.gitRef() + ": " + checkpoint.message()
                        + (checkpoint.restoredAt() != null ? " (restored " + checkpoint.restoredAt() + ")" : ""));
            }
        }
    }
}
