package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.CreateCheckpoint;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.RestoreCheckpoint;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.query.Transcript;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadlineSessionTest {

    @TempDir
    Path dir;

    @Test
    void a_whole_session_is_recorded_projected_and_verifies_clean() {
        try (Threadline store = Threadline.open(dir)) {
            ProjectId project =
                    store.execute(new CreateProject("demo", "/src/demo")).projectId();
            ThreadId thread = store.execute(new CreateThread(project, "Fix it", "model-x"))
                    .threadId();
            TurnId first = store.execute(new StartTurn(thread, "why?")).turnId();
            try (MessageStream answer = store.streamMessage(thread, Role.ASSISTANT)) {
                answer.append("Because ");
                answer.append("of the cache.");
            }
            store.execute(new CompleteTurn(thread));
            CheckpointId checkpoint = store.execute(
                            new CreateCheckpoint(thread, first, "refs/threadline/cp-1", "after the fix"))
                    .checkpointId();
            store.execute(new StartTurn(thread, "and now?"));
            store.execute(new AddMessage(thread, Role.ASSISTANT, "done", false));
            store.execute(new CompleteTurn(thread));
            store.execute(new RestoreCheckpoint(thread, checkpoint));

            Transcript transcript = store.queries().transcript(thread);
            assertThat(transcript.turns()).hasSize(2);
            assertThat(transcript.turns().get(0).messages())
                    .extracting(m -> m.text())
                    .containsExactly("why?", "Because of the cache.");
            assertThat(transcript.turns().get(0).checkpoints()).hasSize(1);
            assertThat(transcript.turns().get(1).turn().status()).isEqualTo(TurnStatus.REVERTED);
            assertThat(store.projections().verify(s -> {}).differences()).isEmpty();
        }
    }
}
