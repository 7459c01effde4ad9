package dev.threadline.bootstrap.reliability;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.DeleteProject;
import dev.threadline.application.command.StartTurn;
import dev.threadline.bootstrap.CliHarness;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.event.ProjectRenamed;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.ExpectedVersion;
import dev.threadline.domain.store.NewEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** The writes the reliability suite runs: commands of every size, raw batches, exports to import. */
final class Workloads {

    private Workloads() {}

    /**
     * A project with some threads, each with a started turn, deleted with force: the deletion is one
     * batch of a thread deletion per thread plus the project's.
     */
    static long projectLifecycle(Threadline store, Random random, String tag) {
        long written = 0;
        ProjectId project = store.execute(
                        new CreateProject("Crash " + tag, "/src/crash/" + tag),
                        UUID.randomUUID().toString())
                .projectId();
        written++;
        int threads = 1 + random.nextInt(12);
        for (int i = 0; i < threads; i++) {
            ThreadId thread = store.execute(
                            new CreateThread(project, "Thread " + i, "default"),
                            UUID.randomUUID().toString())
                    .threadId();
            written += 1
                    + store.execute(
                                    new StartTurn(thread, "Prompt " + i),
                                    UUID.randomUUID().toString())
                            .eventCount();
            written += store.execute(
                            new AddMessage(thread, Role.ASSISTANT, "Answer " + i, false),
                            UUID.randomUUID().toString())
                    .eventCount();
        }
        written += store.execute(
                        new DeleteProject(project, true), UUID.randomUUID().toString())
                .eventCount();
        return written;
    }

    /** A raw batch on a new stream, marked so an audit can tell whether it was stored whole. */
    static long bulkBatch(Threadline store, Random random) {
        int size = 20 + random.nextInt(400);
        String commandId = LogAudit.BULK_PREFIX + size + ":" + UUID.randomUUID();
        EventMetadata metadata = EventMetadata.ofCommand(commandId);
        ProjectId project = ProjectId.next();
        Instant now = Instant.now();
        List<NewEvent> events = new ArrayList<>(size);
        events.add(
                new NewEvent(EventId.next(), new ProjectCreated(project, "Bulk", "/bulk/" + project, now), metadata));
        for (int i = 1; i < size; i++) {
            events.add(new NewEvent(EventId.next(), new ProjectRenamed(project, "Bulk " + i, now), metadata));
        }
        store.events().append(AppendBatch.of(events).expecting(project.toString(), ExpectedVersion.NO_STREAM));
        return size;
    }

    /**
     * Writes an export of a store holding {@code threads} threads with {@code deltas} streamed deltas
     * each, to import elsewhere.
     */
    static void writeExport(Path scratch, Path exportFile, int threads, int deltas) {
        try (Threadline source = Threadline.open(scratch)) {
            ProjectId project = source.execute(
                            new CreateProject("Imported " + UUID.randomUUID(), "/src/imported/" + UUID.randomUUID()))
                    .projectId();
            for (int t = 0; t < threads; t++) {
                ThreadId thread = source.execute(new CreateThread(project, "Imported " + t, "default"))
                        .threadId();
                source.execute(new StartTurn(thread, "Tell me a long story"));
                MessageId message = source.execute(new AddMessage(thread, Role.ASSISTANT, "", true))
                        .messageId();
                for (int d = 0; d < deltas; d++) {
                    source.execute(new AppendDelta(thread, message, "word" + d + " "));
                }
                source.execute(new CompleteTurn(thread));
            }
        }
        CliHarness.Run export =
                CliHarness.run("--data-dir", scratch.toString(), "export", "--out", exportFile.toString());
        if (export.exitCode() != 0) {
            throw new IllegalStateException("export failed: " + export.err());
        }
    }
}
