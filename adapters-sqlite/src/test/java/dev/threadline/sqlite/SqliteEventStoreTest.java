package dev.threadline.sqlite;

import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.EventStoreContract;
import dev.threadline.json.EventJsonCodec;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The event store contract, run against a SQLite file. */
class SqliteEventStoreTest extends EventStoreContract {

    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected EventStore newStore() {
        database = SqliteDatabase.open(directory.resolve(SqliteDatabase.FILE_NAME), SqliteOptions.defaults());
        return new SqliteEventStore(database, new EventJsonCodec(), Clock.systemUTC());
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
