package dev.threadline.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The replays read on the writer connection inside a transaction: they end with it, so a
 * stream that escapes its transaction can neither hold the connection's snapshot open nor read
 * on it from outside the lock.
 */
final class OpenReplays implements TransactionScoped {
    private final List<Replay> open = new ArrayList<>();

    /** A replay's statement, and whether its transaction has ended. */
    static final class Replay {
        private final PreparedStatement query;
        private boolean ended;

        Replay(PreparedStatement query) {
            this.query = query;
        }

        boolean ended() {
            return ended;
        }

        void end() throws SQLException {
            ended = true;
            query.close();
        }
    }

    Replay open(PreparedStatement query) {
        Replay replay = new Replay(query);
        open.add(replay);
        return replay;
    }

    /** A rollback to a savepoint ends the replays opened since; those opened before go on. */
    @Override
    public Runnable atSavepoint() {
        int before = open.size();
        return () -> {
            List<Replay> since = open.subList(before, open.size());
            for (Replay replay : since) {
                endQuietly(replay);
            }
            since.clear();
        };
    }

    private static void endQuietly(Replay replay) {
        try {
            replay.end();
        } catch (SQLException e) {
            // The work it belonged to is rolled back; a statement that fails to close holds nothing.
        }
    }

    @Override
    public void afterCommit() {
        forget();
    }

    @Override
    public void forget() {
        for (Replay replay : open) {
            endQuietly(replay);
        }
        open.clear();
    }
}
