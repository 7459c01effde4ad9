package dev.threadline.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.error.DuplicateEventId;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.EventStoreContract;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.json.EventJsonCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event store contract, run against a fresh schema of a scratch database, and what the
 * PostgreSQL log adds: appends of ids newer than every stored one skip the stored-copy lookup.
 */
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

    @Test
    void ids_older_than_the_greatest_stored_one_are_still_looked_up_and_judged() {
        Instant at = Instant.parse("2026-12-02T08:00:00Z");
        NewEvent older = NewEvent.of(new SettingChanged("a.older", "1", at));
        NewEvent newer = NewEvent.of(new SettingChanged("a.newer", "2", at));
        store.append(AppendBatch.of(newer));

        List<StoredEvent> stored = store.append(AppendBatch.of(older));
        List<StoredEvent> retried = store.append(AppendBatch.of(older));
        NewEvent impostor =
                new NewEvent(older.eventId(), new SettingChanged("a.older", "other", at), EventMetadata.NONE);

        assertThat(stored).extracting(StoredEvent::sequence).containsExactly(2L);
        assertThat(retried).isEqualTo(stored);
        assertThatThrownBy(() -> store.append(AppendBatch.of(impostor))).isInstanceOf(DuplicateEventId.class);
        assertThat(store.lastSequence()).isEqualTo(2);
    }
}
