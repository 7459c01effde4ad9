package dev.threadline.cli;

import dev.threadline.application.checkpoint.CapturedCheckpoint;
import dev.threadline.application.checkpoint.RestoreOptions;
import dev.threadline.application.checkpoint.TurnCompletion;
import dev.threadline.application.command.AddMessage;
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
import dev.threadline.application.workspace.DiffFormat;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.json.ExportLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** {@code demo}: records a small realistic session on the store and shows it. */
@Command(
        name = "demo",
        description = "Records a sample session on the store: a project whose workspace is a small directory it creates"
                + " under the data directory, a thread, two turns (a streamed answer and a fix, then a bad edit), each"
                + " captured as a checkpoint; it shows their diff and restores the first, so the files change back;"
                + " then it forks the thread and searches. It prints the transcript, a search and the tail of the"
                + " event log.")
final class DemoCommand extends StoreCommand {

    private static final int TAIL = 15;

    private static final List<String> ANSWER = List.of(
            "I ran the login test 50 times: it failed 5 times, always with a 302 ",
            "instead of the dashboard. The test clicks 'Sign in' and reads the page ",
            "before the session cookie is set, so it races the redirect.\n\n",
            "Fix: wait for the dashboard heading instead of sleeping 200 ms. ",
            "With that change the test passed 200 runs in a row.");

    /** The workspace the demo's agent edits: a login test that sleeps, then the fix. */
    private static final String FLAKY_TEST = """
            test('signs in', async () => {
              await page.click('Sign in');
              await page.waitForTimeout(200);
              expect(await page.title()).toBe('Dashboard');
            });
            """;

    private static final String FIXED_TEST = """
            test('signs in', async () => {
              await page.click('Sign in');
              await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
              expect(await page.title()).toBe('Dashboard');
            });
            """;

    private static final String FIXED_LINE = "getByRole('heading'";

    @Override
    int run(Session session, Output output) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path workspace = workspace(session.dataDirectory(), tag);
        Path test = workspace.resolve("tests/login.test.js");
        ProjectId project = session.execute(new CreateProject("Demo shop " + tag, workspace.toString()), null)
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
        write(test, FIXED_TEST);
        CheckpointId checkpoint = complete(session, thread)
                .orElseGet(() -> session.execute(
                                new CreateCheckpoint(
                                        thread,
                                        first,
                                        "refs/threadline/checkpoints/1",
                                        "After turn 1: wait for the dashboard instead of sleeping"),
                                null)
                        .checkpointId());

        session.execute(new StartTurn(thread, "Also retry the login request twice on a 502."), null);
        session.execute(
                new AddMessage(
                        thread,
                        Role.ASSISTANT,
                        "Added a retry with backoff around the login request; the suite passes.",
                        false),
                null);
        // The bad turn: it deletes the test it should have kept and breaks the page it retries.
        delete(test);
        write(
                workspace.resolve("src/login.js"),
                "export async function login(page) {\n  retry(page.click('Sign in');\n");
        Optional<CheckpointId> second = complete(session, thread);
        String diff = second.map(after -> session.diffCheckpoints(checkpoint, after, DiffFormat.STAT))
                .orElse("");
        CommandResult restored = second.isPresent()
                ? session.restoreCheckpoint(thread, checkpoint, new RestoreOptions(false, false, false), null)
                        .result()
                : session.execute(new RestoreCheckpoint(thread, checkpoint), null);
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
        output.line("Workspace: " + workspace);
        if (second.isPresent()) {
            output.line("");
            output.line("Turn 2 deleted the test and broke src/login.js (checkpoint diff --stat):");
            output.stream().print(diff.endsWith("\n") ? diff : diff + "\n");
            output.line(
                    Files.exists(test) && read(test).contains(FIXED_LINE)
                            ? "Restored checkpoint " + checkpoint
                                    + ": tests/login.test.js is back on disk, with the fix."
                            : "Restored checkpoint " + checkpoint + ", but tests/login.test.js did not come back.");
        }
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

    /** Completes the running turn; the checkpoint captured after it, if the capture ran. */
    private Optional<CheckpointId> complete(Session session, ThreadId thread) {
        TurnCompletion completion = session.completeTurn(thread, null);
        completion
                .failure()
                .ifPresent(failure -> root().err()
                        .println("The turn is complete, but capturing its checkpoint failed: " + failure.getMessage()));
        return completion.captured().map(CapturedCheckpoint::checkpointId);
    }

    /** A small project under the data directory, owner-only like the rest of it. */
    private static Path workspace(Path dataDirectory, String tag) {
        Path workspace = dataDirectory.resolve("demo").resolve("workspace-" + tag);
        try {
            // On PostgreSQL nothing else has needed the data directory yet.
            Path parent = dataDirectory.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            createOwnerOnly(dataDirectory);
            createOwnerOnly(dataDirectory.resolve("demo"));
            createOwnerOnly(workspace);
            createOwnerOnly(workspace.resolve("src"));
            createOwnerOnly(workspace.resolve("tests"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(workspace.resolve("README.md"), "# Demo shop\n\nA shop whose login test is flaky.\n");
        write(
                workspace.resolve("src/login.js"),
                "export async function login(page) {\n  await page.click('Sign in');\n}\n");
        write(workspace.resolve("tests/login.test.js"), FLAKY_TEST);
        return workspace;
    }

    private static void createOwnerOnly(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(directory);
        }
    }

    private static void write(Path file, String text) {
        OwnerOnly.createFile(file);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
