package dev.threadline.bootstrap.reliability;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One node of the multi-node test, in a JVM of its own: it subscribes to the shared log from the
 * start, runs commands from several threads at once (so they share group commits), some refused
 * by a rule and some rolled back inside a transaction, and records what it did. Once the file
 * {@code stop} appears beside its output (every node has finished writing), it waits until its
 * subscriber has reached the log's end and writes every event it saw, in the order it saw them.
 *
 * <p>Arguments: database URL, data directory, output directory, node number, commands per thread.
 */
public final class PostgresNode {

    static final int THREADS = 4;

    private PostgresNode() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path data = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int node = Integer.parseInt(args[3]);
        int commands = Integer.parseInt(args[4]);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        try (Threadline store = Threadline.open(data, url, Threadline.Options.defaults());
                Subscription subscription = store.subscribe(0, event -> seen.add(line(event)))) {
            ProjectId project = store.execute(new CreateProject("node " + node, "/nodes/" + UUID.randomUUID()))
                    .projectId();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                ThreadId chat = store.execute(new CreateThread(project, "chat " + t, "model"))
                        .threadId();
                store.execute(new StartTurn(chat, null));
                writers.add(new Thread(() -> write(store, chat, commands, done)));
            }
            writers.forEach(Thread::start);
            for (Thread writer : writers) {
                writer.join();
            }
            Files.write(out.resolve("done-" + node), done, StandardCharsets.UTF_8);
            while (!Files.exists(out.resolve("stop"))) {
                Thread.sleep(20);
            }
            long last = store.events().lastSequence();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (subscription.position() < last && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Files.write(out.resolve("seen-" + node), new ArrayList<>(seen), StandardCharsets.UTF_8);
        }
    }

    private static void write(Threadline store, ThreadId chat, int commands, List<String> done) {
        for (int i = 0; i < commands; i++) {
            String id = UUID.randomUUID().toString();
            if (i % 7 == 3) {
                try {
                    store.execute(new AddMessage(ThreadId.next(), Role.USER, "to nobody", false), id);
                    done.add("unexpected " + id);
                } catch (NotFound expected) {
                    done.add("refused " + id);
                }
            } else if (i % 5 == 2) {
                try {
                    store.inTransaction(() -> {
                        store.execute(new AddMessage(chat, Role.USER, "rolled back " + id, false), id);
                        throw new IllegalStateException("roll back");
                    });
                } catch (IllegalStateException expected) {
                    done.add("rolledback " + id);
                }
            } else {
                store.execute(new AddMessage(chat, Role.USER, "message " + i, false), id);
                done.add("ok " + id);
            }
        }
    }

    /** The sequence and id of an event as a node records it. */
    static String line(StoredEvent event) {
        return event.sequence() + " " + event.eventId();
    }
}
