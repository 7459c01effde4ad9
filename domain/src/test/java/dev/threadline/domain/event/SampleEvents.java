package dev.threadline.domain.event;

import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One realistic event of every type, for tests that must cover the whole family. */
public final class SampleEvents {

    private static final Instant AT = Instant.parse("2026-11-23T21:00:00.123456Z");

    private SampleEvents() {}

    /** An event of the given type; the switch fails to compile when a type has no sample. */
    public static Event of(EventType type) {
        ProjectId project = ProjectId.parse("01937a4e-0000-7000-8000-000000000001");
        ThreadId thread = ThreadId.parse("01937a4e-0000-7000-8000-000000000002");
        TurnId turn = TurnId.parse("01937a4e-0000-7000-8000-000000000003");
        MessageId message = MessageId.parse("01937a4e-0000-7000-8000-000000000004");
        CheckpointId checkpoint = CheckpointId.parse("01937a4e-0000-7000-8000-000000000005");
        return switch (type) {
            case PROJECT_CREATED -> new ProjectCreated(project, "Threadline", "/home/ada/src/threadline", AT);
            case PROJECT_RENAMED -> new ProjectRenamed(project, "Threadline \"core\"", AT);
            case PROJECT_DELETED -> new ProjectDeleted(project, AT);
            case THREAD_CREATED -> new ThreadCreated(thread, project, "Fix the flaky test", "claude-sonnet", AT);
            case THREAD_FORKED ->
                new ThreadForked(
                        ThreadId.parse("01937a4e-0000-7000-8000-000000000006"),
                        project,
                        thread,
                        message,
                        "Fix the flaky test (fork)",
                        "claude-sonnet",
                        AT);
            case THREAD_RENAMED -> new ThreadRenamed(thread, "Fix the flaky test (again)", AT);
            case THREAD_ARCHIVED -> new ThreadArchived(thread, AT);
            case THREAD_UNARCHIVED -> new ThreadUnarchived(thread, AT);
            case THREAD_DELETED -> new ThreadDeleted(thread, AT);
            case TURN_STARTED -> new TurnStarted(thread, turn, AT);
            case TURN_COMPLETED -> new TurnCompleted(thread, turn, AT);
            case TURN_FAILED -> new TurnFailed(thread, turn, "model overloaded", AT);
            case TURN_INTERRUPTED -> new TurnInterrupted(thread, turn, AT);
            case MESSAGE_ADDED ->
                new MessageAdded(
                        thread,
                        turn,
                        message,
                        Role.USER,
                        "Why does `mvn verify` fail?\n'; DROP TABLE events; --",
                        false,
                        AT);
            case MESSAGE_DELTA_APPENDED -> new MessageDeltaAppended(thread, message, "Because the test ✓ ", AT);
            case MESSAGE_COMPLETED -> new MessageCompleted(thread, message, AT);
            case CHECKPOINT_CREATED ->
                new CheckpointCreated(
                        thread,
                        turn,
                        checkpoint,
                        "refs/threadline/" + thread + "/" + checkpoint,
                        "after the fix",
                        "3f786850e387550fdab836ed7e6dc881de23001b",
                        List.of(
                                new CheckpointCreated.Skipped("data/model.bin", "too-large"),
                                new CheckpointCreated.Skipped("vendor/lib", "nested-repository")),
                        AT);
            case CHECKPOINT_RESTORED -> new CheckpointRestored(thread, checkpoint, AT);
            case SETTING_CHANGED -> new SettingChanged("ui.theme", "dark", AT);
            case THREAD_PURGED ->
                new ThreadPurged(
                        thread,
                        project,
                        42,
                        18_734,
                        thread + "-20261123T210000Z.jsonl",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        AT);
            case EVENTS_QUARANTINED ->
                new EventsQuarantined(
                        List.of(17L, 18L, 230L),
                        "quarantine-20261123T210000Z.jsonl",
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                        AT);
        };
    }

    /** One event of every type, in declaration order. */
    public static List<Event> oneOfEach() {
        return Arrays.stream(EventType.values()).map(SampleEvents::of).toList();
    }
}
