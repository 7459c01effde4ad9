package dev.threadline.bootstrap.reliability;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.command.ArchiveThread;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.DeleteThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.lifecycle.PurgeOptions;
import dev.threadline.application.lifecycle.RetentionPolicy;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A child JVM of the purge reliability tests: on a store in a data directory it purges every
 * archived or deleted thread one by one ({@code purge}), sweeps them ({@code sweep}), or writes
 * threads with commands ({@code write}); it prints {@code ready} once the store is open, and a line
 * per thread purged, handled by the sweep, or written, as soon as it is.
 */
public final class PurgingChild {

    private PurgingChild() {}

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        String mode = args[1];
        long seed = Long.parseLong(args[2]);
        try (Threadline store = Threadline.open(data)) {
            System.out.println("ready");
            System.out.flush();
            switch (mode) {
                case "purge" -> {
                    List<ThreadView> threads =
                            new ArrayList<>(store.queries().threads(new ThreadFilter(null, true, true)).stream()
                                    .filter(t -> t.archived() || t.deleted())
                                    .toList());
                    Collections.shuffle(threads, new Random(seed));
                    for (ThreadView thread : threads) {
                        store.lifecycle().purge().purge(thread.id(), PurgeOptions.defaults());
                        System.out.println("purged " + thread.id());
                        System.out.flush();
                    }
                }
                case "sweep" -> {
                    Instant later = Instant.now().plusSeconds(3_600);
                    var result = store.lifecycle()
                            .sweep()
                            .sweep(new RetentionPolicy(later, later), false, false, done -> {
                                System.out.println("handled " + done);
                                System.out.flush();
                            });
                    System.out.println("swept " + result.purged().size() + " kept " + result.kept());
                }
                case "write" -> {
                    int count = Integer.parseInt(args[3]);
                    ProjectId project = store.execute(new CreateProject("writer " + seed, "/src/writer-" + seed))
                            .projectId();
                    for (int i = 0; i < count; i++) {
                        ThreadId thread = writeThread(store, project, "written " + i, 3);
                        System.out.println("wrote " + thread);
                    }
                }
                default -> throw new IllegalArgumentException("no mode " + mode);
            }
            System.out.flush();
        }
    }

    /** A thread with a turn holding a prompt and a streamed answer of the given number of deltas. */
    static ThreadId writeThread(Threadline store, ProjectId project, String title, int deltas) {
        ThreadId thread =
                store.execute(new CreateThread(project, title, "model")).threadId();
        store.execute(new StartTurn(thread, "Why is " + title + " flaky?"));
        MessageId answer = store.execute(new AddMessage(thread, Role.ASSISTANT, "Because ", true))
                .messageId();
        for (int d = 0; d < deltas; d++) {
            store.execute(new AppendDelta(thread, answer, "the clock ticks " + d + " times; "));
        }
        store.execute(new CompleteTurn(thread));
        return thread;
    }

    /** Seeds a store with threads ready to purge: every other one archived, the rest deleted. */
    static List<ThreadId> seed(Path data, int threads, int deltas) {
        List<ThreadId> ids = new ArrayList<>();
        try (Threadline store = Threadline.open(data)) {
            ProjectId project =
                    store.execute(new CreateProject("purged", "/src/purged")).projectId();
            for (int i = 0; i < threads; i++) {
                ThreadId thread = writeThread(store, project, "thread " + i, deltas);
                store.execute(i % 2 == 0 ? new ArchiveThread(thread) : new DeleteThread(thread));
                ids.add(thread);
            }
        }
        return ids;
    }
}
