package dev.threadline.bootstrap.reliability;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.command.CompleteMessage;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

/**
 * The child JVM of the streaming crash test: streams assistant messages (deltas, then the
 * completion that indexes the text for search) in an endless loop until the test kills it with
 * SIGKILL. Every message's deltas spell a word of its own, {@code w<message id without dashes>},
 * so a search for it finds that message once it is complete. Prints {@code ready} once the store
 * is open.
 */
public final class StreamingWriter {

    private StreamingWriter() {}

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        try (Threadline store = Threadline.open(data)) {
            String tag = UUID.randomUUID().toString();
            ProjectId project = store.execute(new CreateProject("Streaming " + tag, "/src/streaming/" + tag))
                    .projectId();
            System.out.println("ready");
            System.out.flush();
            while (true) {
                ThreadId thread = store.execute(new CreateThread(project, "Streamed", "default"))
                        .threadId();
                store.execute(new StartTurn(thread, "Stream something"));
                for (int m = 0; m < 5; m++) {
                    MessageId message = store.execute(new AddMessage(thread, Role.ASSISTANT, "", true))
                            .messageId();
                    String word = StreamingCrashIT.wordOf(message);
                    int deltas = 1 + random.nextInt(8);
                    int cut = word.length() / deltas;
                    for (int d = 0; d < deltas; d++) {
                        int end = d == deltas - 1 ? word.length() : (d + 1) * cut;
                        store.execute(new AppendDelta(thread, message, word.substring(d * cut, end)));
                    }
                    store.execute(new AppendDelta(thread, message, " streamed answer"));
                    store.execute(new CompleteMessage(thread, message));
                }
            }
        }
    }
}
