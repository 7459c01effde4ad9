package dev.threadline.sqlite;

import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.port.LogRemovalContract;
import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.domain.id.EventId;
import dev.threadline.json.EventJsonCodec;
import java.nio.file.Path;
import java.sql.PreparedStatement;

class SqliteLogRemovalTest extends LogRemovalContract {

    private SqliteDatabase database;

    @Override
    protected StorageUnderTest open(Path directory) {
        database = SqliteDatabase.open(directory.resolve(SqliteDatabase.FILE_NAME), SqliteOptions.defaults());
        return SqliteStorage.on(database);
    }

    @Override
    protected LogRemoval removal() {
        return new SqliteLogRemoval(database, new EventJsonCodec());
    }

    @Override
    protected long plantUndecodable(String streamId, String type, String payload) {
        long last = storage.events().lastSequence();
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (event_id, stream_id,"
                    + " stream_version, event_type, occurred_at, recorded_at, payload)"
                    + " VALUES (?, ?, (SELECT coalesce(max(stream_version), -1) + 1 FROM events WHERE stream_id = ?),"
                    + " ?, '2026-11-23T21:00:00Z', '2026-11-23T21:00:00Z', ?)")) {
                insert.setString(1, EventId.next().toString());
                insert.setString(2, streamId);
                insert.setString(3, streamId);
                insert.setString(4, type);
                insert.setString(5, payload);
                insert.executeUpdate();
            }
            database.transactionScoped(KnownLog.class, KnownLog::new).forget(); // written behind its back
            return null;
        });
        return storage.events().lastSequence() > last ? storage.events().lastSequence() : -1;
    }
}
