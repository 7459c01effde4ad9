package dev.threadline.bootstrap.reliability;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The child JVM of the group-commit crash test: several threads run commands at once, so that
 * they share group commits, until the test kills the process with SIGKILL. After each result a
 * thread appends the command's id to the acknowledgement file (one line, one write); every id
 * there was acknowledged, so it must survive the kill. Some commands are refused on purpose and
 * roll back alone inside their group. Prints {@code ready} once the store is open. A third
 * argument names a database URL (PostgreSQL) to write instead of the data directory's file.
 */
public final class GroupCommittingWriter {

    static final int THREADS = 6;

    private GroupCommittingWriter() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path acknowledged = Path.of(args[1]);
        try (Threadline store = args.length > 2
                        ? Threadline.open(data, args[2], Threadline.Options.defaults())
                        : Threadline.open(data);
                OutputStream acks =
                        Files.newOutputStream(acknowledged, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            ProjectId project = store.execute(new CreateProject("crash", "/crash/" + UUID.randomUUID()))
                    .projectId();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                ThreadId chat = store.execute(new CreateThread(project, "chat " + t, "model"))
                        .threadId();
                store.execute(new StartTurn(chat, null));
                writers.add(new Thread(() -> write(store, chat, acks)));
            }
            System.out.println("ready");
            System.out.flush();
            writers.forEach(Thread::start);
            for (Thread writer : writers) {
                writer.join();
            }
        }
    }

    private static void write(Threadline store, ThreadId chat, OutputStream acks) {
        for (long i = 0; ; i++) {
            String id = UUID.randomUUID().toString();
            if (i % 7 == 3) {
                try {
                    store.execute(new AddMessage(ThreadId.next(), Role.USER, "to nobody", false), id);
                    System.err.println("a command to a missing thread was accepted");
                    System.exit(5);
                } catch (NotFound expected) {
                    continue;
                }
            }
            store.execute(new AddMessage(chat, Role.USER, "message " + i, false), id);
            byte[] line = (id + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                synchronized (acks) {
                    acks.write(line);
                    acks.flush();
                }
            } catch (IOException e) {
                System.err.println("cannot write the acknowledgement file: " + e);
                System.exit(6);
            }
        }
    }
}
