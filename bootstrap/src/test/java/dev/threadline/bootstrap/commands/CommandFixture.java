package dev.threadline.bootstrap.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.Command;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.CreateCheckpoint;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.query.Transcript;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.ThreadlineException;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A store in a temporary directory and short ways to drive it through the facade. */
abstract class CommandFixture {

    @TempDir
    Path dir;

    Threadline store;

    @BeforeEach
    void openStore() {
        store = Threadline.open(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    ProjectId project(String name, String path) {
        return store.execute(new CreateProject(name, path)).projectId();
    }

    ProjectId project() {
        return project("demo", "/src/demo");
    }

    ThreadId thread(ProjectId project) {
        return store.execute(new CreateThread(project, "Fix it", "model-x")).threadId();
    }

    ThreadId thread() {
        return thread(project());
    }

    TurnId startTurn(ThreadId thread) {
        return store.execute(new StartTurn(thread, "why?")).turnId();
    }

    MessageId addMessage(ThreadId thread, String text, boolean streaming) {
        return store.execute(new AddMessage(thread, Role.ASSISTANT, text, streaming))
                .messageId();
    }

    /** A thread with one completed turn, whose id is returned. */
    TurnId endedTurn(ThreadId thread) {
        TurnId turn = startTurn(thread);
        store.execute(new CompleteTurn(thread));
        return turn;
    }

    CheckpointId checkpoint(ThreadId thread, TurnId turn, String gitRef) {
        return store.execute(new CreateCheckpoint(thread, turn, gitRef, "cp")).checkpointId();
    }

    List<StoredEvent> log() {
        try (Stream<StoredEvent> all = store.events().replayAll()) {
            return all.toList();
        }
    }

    List<StoredEvent> logAfter(long sequence) {
        try (Stream<StoredEvent> after = store.events().replayFrom(sequence)) {
            return after.toList();
        }
    }

    List<Event> eventsAfter(long sequence) {
        return logAfter(sequence).stream().map(StoredEvent::event).toList();
    }

    long lastSequence() {
        return store.events().lastSequence();
    }

    /** Every read model the queries show, for before/after comparisons. */
    record Snapshot(
            long lastSequence,
            List<ProjectView> projects,
            List<ThreadView> threads,
            List<Transcript> transcripts,
            List<SettingView> settings) {}

    Snapshot snapshot() {
        List<ThreadView> threads = store.queries().threads(new ThreadFilter(null, true, true));
        return new Snapshot(
                lastSequence(),
                store.queries().projects(true),
                threads,
                threads.stream().map(t -> store.queries().transcript(t.id())).toList(),
                store.queries().settings());
    }

    /** Asserts the command is refused naming the rule, and that nothing changed. */
    void assertRefused(Command command, String rule) {
        Snapshot before = snapshot();
        assertThatThrownBy(() -> store.execute(command))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo(rule));
        assertUnchangedSince(before);
    }

    /** Asserts the command is refused with that kind of error, and that nothing changed. */
    void assertRefused(Command command, Class<? extends ThreadlineException> error) {
        Snapshot before = snapshot();
        assertThatThrownBy(() -> store.execute(command)).isInstanceOf(error);
        assertUnchangedSince(before);
    }

    void assertUnchangedSince(Snapshot before) {
        assertThat(snapshot()).isEqualTo(before);
        assertThat(store.projections().verify(s -> {}).clean()).isTrue();
    }

    void assertProjectionsClean() {
        assertThat(store.projections().verify(s -> {}).differences()).isEmpty();
    }
}
