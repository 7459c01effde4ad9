package dev.threadline.postgres;

import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.json.EventJsonCodec;
import java.nio.file.Path;
import java.time.Clock;

/** The PostgreSQL ports on a schema of a test class's scratch database, for the port contracts. */
final class PostgresStorage {

    private PostgresStorage() {}

    /** The schema a test's directory stands for: reopening the same directory reopens the same store. */
    static PostgresLocation location(Class<?> testClass, Path directory) {
        String schema =
                "s_" + Integer.toHexString(directory.toAbsolutePath().toString().hashCode());
        return TestServer.database(testClass).withSchema(schema);
    }

    static StorageUnderTest open(Class<?> testClass, Path directory) {
        return on(PostgresDatabase.open(location(testClass, directory)));
    }

    static StorageUnderTest on(PostgresDatabase database) {
        PostgresEventStore events = new PostgresEventStore(database, new EventJsonCodec(), Clock.systemUTC());
        return new StorageUnderTest(
                events,
                PostgresProjections.storage(database),
                new PostgresCommandReceipts(database, Clock.systemUTC()),
                new PostgresMaintenance(database, events),
                PostgresProjections.scratchSpace(database),
                database::close);
    }
}
