package dev.threadline.application.readmodel;

import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.ThreadState;
import java.time.Instant;

/**
 * A thread as the read model holds it.
 *
 * @param id the thread
 * @param projectId its project
 * @param title its title
 * @param model the agent model it talks to
 * @param archived whether it is archived
 * @param deleted whether it was soft-deleted
 * @param turnCount how many turns it has had
 * @param messageCount how many messages it has had
 * @param runningTurn its running turn, or null
 * @param createdAt when it was created
 * @param lastActivityAt when anything last happened in it
 * @param version its stream's last version
 * @param forkedFrom where it was forked from, or null for a thread created afresh
 */
public record ThreadView(
        ThreadId id,
        ProjectId projectId,
        String title,
        String model,
        boolean archived,
        boolean deleted,
        long turnCount,
        long messageCount,
        TurnId runningTurn,
        Instant createdAt,
        Instant lastActivityAt,
        long version,
        ForkPoint forkedFrom) {

    /** A thread created afresh, not forked. */
    public ThreadView(
            ThreadId id,
            ProjectId projectId,
            String title,
            String model,
            boolean archived,
            boolean deleted,
            long turnCount,
            long messageCount,
            TurnId runningTurn,
            Instant createdAt,
            Instant lastActivityAt,
            long version) {
        this(
                id,
                projectId,
                title,
                model,
                archived,
                deleted,
                turnCount,
                messageCount,
                runningTurn,
                createdAt,
                lastActivityAt,
                version,
                null);
    }

    /** What the decision rules need of it. */
    public ThreadState state() {
        return new ThreadState(id, projectId, archived, deleted, runningTurn, version);
    }

    /** This thread with another title. */
    public ThreadView withTitle(String newTitle) {
        return with(newTitle, archived, deleted, turnCount, messageCount, runningTurn, lastActivityAt, version);
    }

    /** This thread with other archived and deleted flags. */
    public ThreadView withFlags(boolean newArchived, boolean newDeleted) {
        return with(title, newArchived, newDeleted, turnCount, messageCount, runningTurn, lastActivityAt, version);
    }

    /** This thread with another running turn (null for none) and turn count. */
    public ThreadView withRunningTurn(TurnId turn, long newTurnCount) {
        return with(title, archived, deleted, newTurnCount, messageCount, turn, lastActivityAt, version);
    }

    /** This thread with another message count. */
    public ThreadView withMessageCount(long count) {
        return with(title, archived, deleted, turnCount, count, runningTurn, lastActivityAt, version);
    }

    /** This thread after an event of its stream at the given time and version. */
    public ThreadView touched(Instant at, long newVersion) {
        return with(title, archived, deleted, turnCount, messageCount, runningTurn, at, newVersion);
    }

    /** This thread with other values of the components that its events change; the rest are fixed. */
    private ThreadView with(
            String newTitle,
            boolean newArchived,
            boolean newDeleted,
            long newTurnCount,
            long newMessageCount,
            TurnId newRunningTurn,
            Instant newLastActivityAt,
            long newVersion) {
        return new ThreadView(
                id,
                projectId,
                newTitle,
                model,
                newArchived,
                newDeleted,
                newTurnCount,
                newMessageCount,
                newRunningTurn,
                createdAt,
                newLastActivityAt,
                newVersion,
                forkedFrom);
    }
}
