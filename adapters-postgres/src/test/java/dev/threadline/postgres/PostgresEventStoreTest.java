package dev.threadline.postgres;

import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.EventStoreContract;
import dev.threadline.json.EventJsonCodec;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The event store contract, run against a fresh schema of a scratch database. */
@ExtendWith(TestServer.class)
class PostgresEventStoreTest extends EventStoreContract {

    private PostgresDatabase database;

    @Override
    protected EventStore newStore() {
        String schema = "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        database = PostgresDatabase.open(TestServer.database(getClass()).withSchema(schema));
        return new PostgresEventStore(database, new EventJsonCodec(), Clock.systemUTC());
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
