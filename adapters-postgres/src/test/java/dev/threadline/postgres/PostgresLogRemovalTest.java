package dev.threadline.postgres;

import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.port.LogRemovalContract;
import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.json.EventJsonCodec;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServer.class)
class PostgresLogRemovalTest extends LogRemovalContract {

    private PostgresDatabase database;

    @Override
    protected StorageUnderTest open(Path directory) {
        database = PostgresDatabase.open(PostgresStorage.location(getClass(), directory));
        return PostgresStorage.on(database);
    }

    @Override
    protected LogRemoval removal() {
        return new PostgresLogRemoval(
                database, new PostgresEventStore(database, new EventJsonCodec(), Clock.systemUTC()));
    }

    @Override
    protected long plantUndecodable(String streamId, String type, String payload) {
        return database.inTransaction(connection -> {
            long next;
            try (PreparedStatement head = connection.prepareStatement(
                    "UPDATE log_head SET last_sequence = last_sequence + 1 RETURNING last_sequence")) {
                var row = head.executeQuery();
                row.next();
                next = row.getLong(1);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (sequence, event_id,"
                    + " stream_id, stream_version, event_type, occurred_at, recorded_at, payload) VALUES (?, ?, ?,"
                    + " (SELECT coalesce(max(stream_version), -1) + 1 FROM events WHERE stream_id = ?), ?,"
                    + " '2026-11-23T21:00:00Z', '2026-11-23T21:00:00Z', ?)")) {
                insert.setLong(1, next);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, streamId);
                insert.setString(4, streamId);
                insert.setString(5, type);
                insert.setString(6, payload);
                insert.executeUpdate();
            }
            return next;
        });
    }
}
