package dev.threadline.application.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.InMemoryThreadline;
import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.query.Transcript;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A store and short ways to drive it. The store is the application wired on the in-memory fakes; a
 * subclass overriding {@link #stores()} runs the same tests on another storage.
 */
public abstract class CommandFixture {

    protected StoreUnderTest.Stores stores;

    protected StoreUnderTest store;

    /** Where the stores come from: a new in-memory storage for each test. */
    protected StoreUnderTest.Stores stores() {
        return InMemoryThreadline.stores();
    }

    @BeforeEach
    void openStore() {
        stores = stores();
        store = stores.open();
    }

    /** Closes the store and opens another on the same storage. */
    protected void reopen() {
        store.close();
        store = stores.open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected ProjectId project(String name, String path) {
        return store.execute(new CreateProject(name, path)).projectId();
    }

    protected ProjectId project() {
        return project("demo", "/src/demo");
    }

    protected ThreadId thread(ProjectId project) {
        return store.execute(new CreateThread(project, "Fix it", "model-x")).threadId();
    }

    protected ThreadId thread() {
        return thread(project());
    }

    protected TurnId startTurn(ThreadId thread) {
        return store.execute(new StartTurn(thread, "why?")).turnId();
    }

    protected MessageId addMessage(ThreadId thread, String text, boolean streaming) {
        return store.execute(new AddMessage(thread, Role.ASSISTANT, text, streaming))
                .messageId();
    }

    /** A thread with one completed turn, whose id is returned. */
    protected TurnId endedTurn(ThreadId thread) {
        TurnId turn = startTurn(thread);
        store.execute(new CompleteTurn(thread));
        return turn;
    }

    protected CheckpointId checkpoint(ThreadId thread, TurnId turn, String gitRef) {
        return store.execute(new CreateCheckpoint(thread, turn, gitRef, "cp")).checkpointId();
    }

    protected List<StoredEvent> log() {
        try (Stream<StoredEvent> all = store.events().replayAll()) {
            return all.toList();
        }
    }

    protected List<StoredEvent> logAfter(long sequence) {
        try (Stream<StoredEvent> after = store.events().replayFrom(sequence)) {
            return after.toList();
        }
    }

    protected List<Event> eventsAfter(long sequence) {
        return logAfter(sequence).stream().map(StoredEvent::event).toList();
    }

    protected long lastSequence() {
        return store.events().lastSequence();
    }

    /** Every read model the queries show, for before/after comparisons. */
    protected record Snapshot(
            long lastSequence,
            List<ProjectView> projects,
            List<ThreadView> threads,
            List<Transcript> transcripts,
            List<SettingView> settings) {}

    protected Snapshot snapshot() {
        List<ThreadView> threads = store.queries().threads(new ThreadFilter(null, true, true));
        return new Snapshot(
                lastSequence(),
                store.queries().projects(true),
                threads,
                threads.stream().map(t -> store.queries().transcript(t.id())).toList(),
                store.queries().settings());
    }

    /** Asserts the command is refused naming the rule, and that nothing changed. */
    protected void assertRefused(Command command, String rule) {
        Snapshot before = snapshot();
        assertThatThrownBy(() -> store.execute(command))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo(rule));
        assertUnchangedSince(before);
    }

    /** Asserts the command is refused with that kind of error, and that nothing changed. */
    protected void assertRefused(Command command, Class<? extends ThreadlineException> error) {
        Snapshot before = snapshot();
        assertThatThrownBy(() -> store.execute(command)).isInstanceOf(error);
        assertUnchangedSince(before);
    }

    protected void assertUnchangedSince(Snapshot before) {
        assertThat(snapshot()).isEqualTo(before);
        assertThat(store.projections().verify(s -> {}).clean()).isTrue();
    }

    protected void assertProjectionsClean() {
        assertThat(store.projections().verify(s -> {}).differences()).isEmpty();
    }
}
