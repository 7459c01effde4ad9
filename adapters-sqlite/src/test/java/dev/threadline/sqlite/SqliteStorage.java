package dev.threadline.sqlite;

import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.json.EventJsonCodec;
import java.nio.file.Path;
import java.time.Clock;

/** The SQLite ports on a real database file, for the application's port contracts. */
final class SqliteStorage {

    private SqliteStorage() {}

    static StorageUnderTest open(Path directory) {
        return on(SqliteDatabase.open(directory.resolve(SqliteDatabase.FILE_NAME), SqliteOptions.defaults()));
    }

    /** The ports on an open database; closing the storage closes it. */
    static StorageUnderTest on(SqliteDatabase database) {
        return new StorageUnderTest(
                new SqliteEventStore(database, new EventJsonCodec(), Clock.systemUTC()),
                SqliteProjections.storage(database),
                new SqliteCommandReceipts(database, Clock.systemUTC()),
                new SqliteMaintenance(database),
                SqliteProjections.scratchSpace(SqliteOptions.defaults()),
                database::close);
    }
}
