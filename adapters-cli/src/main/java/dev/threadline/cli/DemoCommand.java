package dev.threadline.cli;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.CreateCheckpoint;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.ForkThread;
import dev.threadline.application.command.RestoreCheckpoint;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.json.ExportLines;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** {@code demo}: records a small realistic session on the store and shows it. */
@Command(
        name = "demo",
        description = "Records a sample session (a project, a thread, two turns with a streamed answer, a checkpoint, "
                + "a restore and a fork) on the store, then prints the transcript, a search and the tail of the"
                + " event log.")
final class DemoCommand extends StoreCommand {

    private static final int TAIL = 15;

    private static final List<String> ANSWER = List.of(
            "I ran the login test 50 times: it failed 5 times, always with a 302 ",
            "instead of the dashboard. The test clicks 'Sign in' and reads the page ",
            "before the session cookie is set, so it races the redirect.\n\n",
            "Fix: wait for the dashboard heading instead of sleeping 200 ms. ",
            "With that change the test passed 200 runs in a row.");

    @Override
    int run(Session session, Output output) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ProjectId project = session.execute(new CreateProject("Demo shop " + tag, "/tmp/threadline-demo-" + tag), null)
                .projectId();
        ThreadId thread = session.execute(
                        new CreateThread(project, "Fix the flaky login test", ThreadCommands.DEFAULT_MODEL), null)
                .threadId();

        TurnId first = session.execute(
                        new StartTurn(thread, "The login test fails about one run in ten. Can you find out why?"), null)
                .turnId();
        try (MessageStream answer = session.streamMessage(thread, Role.ASSISTANT)) {
            ANSWER.forEach(answer::append);
            answer.complete();
        }
        session.execute(new CompleteTurn(thread), null);
        CheckpointId checkpoint = session.execute(
                        new CreateCheckpoint(
                                thread,
                                first,
                                "refs/threadline/checkpoints/1",
                                "After turn 1: wait for the dashboard instead of sleeping"),
                        null)
                .checkpointId();

        session.execute(new StartTurn(thread, "Also retry the login request twice on a 502."), null);
        session.execute(
                new AddMessage(
                        thread,
                        Role.ASSISTANT,
                        "Added a retry with backoff around the login request; the suite passes.",
                        false),
                null);
        session.execute(new CompleteTurn(thread), null);
        CommandResult restored = session.execute(new RestoreCheckpoint(thread, checkpoint), null);
        // Branch the conversation after the streamed answer of turn 1: nothing is copied.
        MessageId answered = session.queries().transcript(thread).turns().get(0).messages().stream()
                .filter(m -> m.role() == Role.ASSISTANT)
                .reduce((a, b) -> b)
                .orElseThrow()
                .id();
        ThreadId fork = session.execute(new ForkThread(thread, answered, "Fix the flaky login test (no retries)"), null)
                .threadId();
        List<SearchHit> hits = session.queries().search("dashboard heading", new SearchFilter(project, null, null, 3));

        if (output.json()) {
            output.json(output.object()
                    .put("projectId", project.toString())
                    .put("threadId", thread.toString())
                    .put("checkpointId", checkpoint.toString())
                    .put("forkThreadId", fork.toString())
                    .put("searchHits", hits.size())
                    .put("lastSequence", restored.lastSequence()));
            return ExitCode.OK;
        }
        output.line("Recorded a demo session in " + session.maintenance().location() + ".");
        output.line("");
        Views.transcript(output, session.queries().transcript(thread), session.queries()::thread);
        output.line("");
        output.line("Forked it at the streamed answer of turn 1 as thread " + fork
                + ": it inherits turn 1 by reference and none of turn 2.");
        output.line("Search \"dashboard heading\":");
        for (SearchHit hit : hits) {
            output.line("  " + hit.threadTitle() + " · turn " + hit.turnOrdinal() + " · "
                    + (hit.role() == null ? "title" : hit.role().label()) + ": "
                    + hit.snippet().replace('\n', ' '));
        }
        output.line("");
        ExportLines lines = new ExportLines();
        List<List<String>> rows = new ArrayList<>();
        long last = session.events().lastSequence();
        try (Stream<StoredEvent> tail = session.events().replayFrom(Math.max(0, last - TAIL))) {
            tail.forEach(event -> rows.add(List.of(
                    Long.toString(event.sequence()),
                    event.type(),
                    event.streamId(),
                    Long.toString(event.streamVersion()),
                    abbreviate(summary(lines, event)))));
        }
        output.line(tailHeading(rows.size(), last));
        output.table(List.of("SEQ", "TYPE", "STREAM", "VER", "PAYLOAD"), rows);
        output.line("");
        output.line("Try: threadline thread show " + fork + "   or   threadline search 'flaky login'");
        return ExitCode.OK;
    }

    /** The heading of the tail: it counts the rows listed, which are fewer than TAIL on a short log. */
    static String tailHeading(int listed, long last) {
        if (listed == last) {
            return listed == 1 ? "The event of the log:" : "The " + listed + " events of the log:";
        }
        return listed == 1 ? "The last event of the log:" : "The last " + listed + " events of the log:";
    }

    /** The payload without its ids and time, which the other columns already show. */
    private static String summary(ExportLines lines, StoredEvent event) {
        var payload = lines.payloadTree(event.event());
        List<String> hidden = new ArrayList<>();
        payload.fieldNames().forEachRemaining(name -> {
            if (name.endsWith("Id") || name.equals("at")) {
                hidden.add(name);
            }
        });
        payload.remove(hidden);
        return payload.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }
}
