package dev.threadline.application.checkpoint;

import dev.threadline.application.command.CommandKind;
import dev.threadline.application.command.Commands;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.RecordSnapshot;
import dev.threadline.application.port.IdSource;
import dev.threadline.application.query.Queries;
import dev.threadline.application.query.Transcript;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.workspace.CaptureRequest;
import dev.threadline.application.workspace.CommitId;
import dev.threadline.application.workspace.SkippedPath;
import dev.threadline.application.workspace.Snapshot;
import dev.threadline.application.workspace.WorkspaceSnapshots;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.ThreadlineException;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnStatus;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Snapshots a thread's project workspace and records it as a checkpoint of an ended turn: the
 * snapshot's parent is the thread's previous snapshot, its name {@code
 * refs/threadline/<threadId>/<checkpointId>}.
 */
public final class CaptureCheckpoint {

    /**
     * What a turn completion's command id is followed by to make the id of its automatic capture,
     * so that a retried completion returns the checkpoint captured the first time.
     */
    static final String AUTOMATIC_CAPTURE = "#checkpoint";

    private final Commands commands;
    private final Queries queries;
    private final WorkspaceSnapshots snapshots;
    private final Clock clock;
    private final IdSource ids;
    private final ProjectWorkspaces workspaces;

    /**
     * @param commands records the checkpoint
     * @param queries reads threads, projects, checkpoints and settings
     * @param snapshots captures the workspace
     * @param clock the time a snapshot is dated
     * @param ids the source of a new checkpoint's id, chosen before the capture because the
     *     snapshot's name holds it
     */
    public CaptureCheckpoint(
            Commands commands, Queries queries, WorkspaceSnapshots snapshots, Clock clock, IdSource ids) {
        this.commands = Objects.requireNonNull(commands);
        this.queries = Objects.requireNonNull(queries);
        this.snapshots = Objects.requireNonNull(snapshots);
        this.clock = Objects.requireNonNull(clock);
        this.ids = Objects.requireNonNull(ids);
        this.workspaces = new ProjectWorkspaces(queries);
    }

    /**
     * Captures the workspace after a turn of the thread.
     *
     * @param threadId the thread
     * @param turnId an ended turn of the thread, or null for its last ended turn
     * @param message the checkpoint's description, or null for a default one
     * @param commandId the caller's id for the capture, or null; a retry with the same id captures
     *     nothing and returns the first checkpoint
     * @throws DomainRuleViolation when the thread has no ended turn (or the turn given is running)
     * @throws dev.threadline.domain.error.InvalidInput when the project's directory does not exist
     *     or is a file
     * @throws dev.threadline.domain.error.StorageFailure when the snapshot storage fails (git
     *     missing …); nothing is recorded then
     */
    public CapturedCheckpoint capture(ThreadId threadId, TurnId turnId, String message, String commandId) {
        var earlier = earlierCapture(commandId);
        if (earlier.isPresent()) {
            CapturedCheckpoint first = earlier.get();
            if (!queries.checkpoint(first.checkpointId()).threadId().equals(threadId)
                    || (turnId != null && !turnId.equals(first.turnId()))) {
                throw new DomainRuleViolation(
                        "command-id-unique",
                        "command id '" + commandId + "' was already used for a capture of another thread or turn");
            }
            return first;
        }
        ThreadView thread = queries.thread(threadId);
        TurnId turn = turnId == null ? lastEndedTurn(thread) : turnId;
        String text = message == null || message.isBlank() ? "after turn " + turn : message;
        List<CommitId> commits = workspaces.commitsOf(threadId);
        CommitId parent = commits.isEmpty() ? null : commits.get(commits.size() - 1);
        CheckpointId checkpointId = ids.checkpointId();
        if (turnId != null) {
            requireEnded(thread, turnId);
        }
        Snapshot snapshot = snapshots.capture(
                workspaces.of(threadId), new CaptureRequest(threadId, checkpointId, parent, text, clock.instant()));
        List<CheckpointCreated.Skipped> skipped =
                snapshot.skipped().stream().map(CaptureCheckpoint::skipped).toList();
        CommandResult result = commands.execute(
                new RecordSnapshot(
                        threadId, turn, checkpointId, snapshot.commit().hex(), skipped, text),
                commandId);
        return new CapturedCheckpoint(checkpointId, turn, snapshot.commit().hex(), skipped, result);
    }

    /**
     * Completes the thread's running turn, then captures the workspace as a checkpoint of it when
     * the project's directory exists and the setting {@code checkpoints.auto} is not {@code off}. A
     * capture that fails leaves the turn complete and is reported in the result.
     *
     * @param commandId the caller's id for completing the turn, or null; a retry with the same id
     *     writes and captures nothing, and returns the first result and checkpoint
     */
    public TurnCompletion completeTurn(ThreadId threadId, String commandId) {
        String captureId = commandId == null ? null : commandId + AUTOMATIC_CAPTURE;
        var earlier = commands.earlierResult(commandId, new CompleteTurn(threadId));
        if (earlier.isPresent()) {
            return new TurnCompletion(earlier.get(), earlierCapture(captureId).orElse(null), null);
        }
        TurnId turn = queries.thread(threadId).runningTurn();
        CommandResult result = commands.execute(new CompleteTurn(threadId), commandId);
        if (turn == null || !workspaces.capturesAutomatically(threadId)) {
            return new TurnCompletion(result, null, null);
        }
        try {
            return new TurnCompletion(result, capture(threadId, turn, null, captureId), null);
        } catch (ThreadlineException e) {
            return new TurnCompletion(result, null, e);
        }
    }

    /** The checkpoint captured earlier under an id, if one was. */
    private Optional<CapturedCheckpoint> earlierCapture(String commandId) {
        return commands.earlierResult(commandId, CommandKind.RECORD_SNAPSHOT).map(result -> {
            CheckpointView checkpoint = queries.checkpoint(result.checkpointId());
            return new CapturedCheckpoint(
                    checkpoint.id(), checkpoint.turnId(), checkpoint.commit(), checkpoint.skipped(), result);
        });
    }

    private TurnId lastEndedTurn(ThreadView thread) {
        Transcript transcript = queries.transcript(thread.id());
        List<Transcript.Turn> turns = transcript.turns();
        for (int i = turns.size() - 1; i >= 0; i--) {
            TurnView turn = turns.get(i).turn();
            if (turn.status() != TurnStatus.RUNNING) {
                return turn.id();
            }
        }
        throw new DomainRuleViolation(
                "checkpoint-turn-ended", "thread " + thread.id() + " has no ended turn to checkpoint yet");
    }

    private static void requireEnded(ThreadView thread, TurnId turnId) {
        if (turnId.equals(thread.runningTurn())) {
            throw new DomainRuleViolation(
                    "checkpoint-turn-ended", "turn " + turnId + " is still running; checkpoint it once it ends");
        }
    }

    private static CheckpointCreated.Skipped skipped(SkippedPath path) {
        return new CheckpointCreated.Skipped(
                path.path(), path.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
