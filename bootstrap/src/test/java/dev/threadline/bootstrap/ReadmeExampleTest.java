package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.query.Transcript;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example, compiled and run; a second test keeps the README in step. */
class ReadmeExampleTest {

    @TempDir
    Path dataDir;

    private Transcript example() throws Exception {
        // README example begins
        try (Threadline store = Threadline.open(dataDir)) {
            Subscription tail = store.subscribe(
                    store.events().lastSequence(), e -> System.out.println(e.sequence() + " " + e.type()));
            ProjectId project =
                    store.execute(new CreateProject("shop", "/src/shop")).projectId();
            ThreadId thread = store.execute(new CreateThread(project, "Fix checkout", "gpt-5"))
                    .threadId();
            store.execute(new StartTurn(thread, "Why does checkout fail?"), "cmd-42"); // retry-safe id
            try (MessageStream answer = store.streamMessage(thread, Role.ASSISTANT)) {
                answer.append("The cart total ");
                answer.append("is rounded twice.");
            }
            store.execute(new CompleteTurn(thread));
            Transcript transcript = store.queries().transcript(thread);
            tail.close();
            return transcript;
        }
        // README example ends
    }

    @Test
    void the_readme_example_records_a_turn_and_reads_it_back() throws Exception {
        Transcript transcript = example();

        assertThat(transcript.turns())
                .singleElement()
                .satisfies(turn -> assertThat(turn.messages())
                        .extracting(m -> m.text())
                        .containsExactly("Why does checkout fail?", "The cart total is rounded twice."));
    }

    @Test
    void the_readme_shows_exactly_this_example() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/threadline/bootstrap/ReadmeExampleTest.java"));
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher inSource = Pattern.compile(
                        "// README example begins\\n(.*?)\\n\\s*// README example ends", Pattern.DOTALL)
                .matcher(source);
        assertThat(inSource.find()).isTrue();

        assertThat(normalize(readme)).contains(normalize(inSource.group(1)));
    }

    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
