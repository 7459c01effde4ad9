package dev.threadline.sqlite;

import dev.threadline.application.port.LogRemoval;
import dev.threadline.json.EventJsonCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Removes rows of the {@code events} table on the writer connection, inside the caller's
 * transaction. {@code sequence} is {@code AUTOINCREMENT}, so {@code sqlite_sequence} keeps the
 * highest sequence ever used and the next append continues after it, even when the last rows went.
 */
public final class SqliteLogRemoval implements LogRemoval {

    /** Sequences bound per {@code DELETE}: well under SQLite's limit of bound parameters. */
    private static final int CHUNK = 500;

    private final SqliteDatabase database;
    private final EventJsonCodec codec;
    private final KnownLog known;
    private final DeferredRows deferred;

    /**
     * @param database the open database
     * @param codec the codec that tells which rows cannot be decoded
     */
    public SqliteLogRemoval(SqliteDatabase database, EventJsonCodec codec) {
        this.database = Objects.requireNonNull(database);
        this.codec = Objects.requireNonNull(codec);
        this.known = database.transactionScoped(KnownLog.class, KnownLog::new);
        this.deferred = DeferredRows.of(database);
    }

    @Override
    public long remove(Selection selection) {
        if (!database.inTransaction()) {
            throw new IllegalStateException("events are removed only inside a transaction");
        }
        return database.withWriter(connection -> {
            deferred.writeOut(); // the events the transaction keeps are removed too
            long removed = 0;
            if (selection instanceof WholeStream whole) {
                try (PreparedStatement delete = connection.prepareStatement(EventStatements.DELETE_STREAM)) {
                    delete.setString(1, whole.streamId());
                    removed = delete.executeUpdate();
                }
            } else {
                List<Long> sequences = ((AtSequences) selection).sequences();
                for (int from = 0; from < sequences.size(); from += CHUNK) {
                    List<Long> chunk = sequences.subList(from, Math.min(sequences.size(), from + CHUNK));
                    try (PreparedStatement delete =
                            connection.prepareStatement(EventStatements.deleteSequences(chunk.size()))) {
                        for (int i = 0; i < chunk.size(); i++) {
                            delete.setLong(i + 1, chunk.get(i));
                        }
                        removed += delete.executeUpdate();
                    }
                }
            }
            // What the transaction knew of the last sequence and the streams' versions is stale now.
            known.forget();
            return removed;
        });
    }

    @Override
    public List<RawRow> undecodableRows() {
        try (Connection reader = database.openReader();
                PreparedStatement query = reader.prepareStatement(EventStatements.SCAN);
                ResultSet result = query.executeQuery()) {
            List<RawRow> found = new ArrayList<>();
            EventRows rows = new EventRows(codec);
            while (result.next()) {
                if (rows.read(result).undecodable() != null) {
                    found.add(new RawRow(
                            result.getLong(1),
                            result.getString(2),
                            result.getString(3),
                            result.getLong(4),
                            result.getString(5),
                            result.getString(6),
                            result.getString(7),
                            result.getString(8),
                            result.getString(9),
                            result.getString(10),
                            result.getString(11)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqliteErrors.translate(database.file(), "scan the log", e);
        }
    }
}
