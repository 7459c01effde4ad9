package dev.threadline.application.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.port.InMemoryStorage;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.domain.store.UndecodableEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Catching up on the fakes; bootstrap's ProjectionMaintenanceTest holds the SQLite store to the same. */
class CatchUpTest {

    private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void a_current_store_opens_without_replaying_the_log() {
        InMemoryStorage storage = new InMemoryStorage();
        storage.append(AppendBatch.of(NewEvent.of(new SettingChanged("ui.theme", "dark", AT))));
        new Projections(storage, storage.projectionStorage(), InMemoryStorage.scratchSpace()).catchUp();
        AtomicInteger replays = new AtomicInteger();
        Projections projections = new Projections(
                new CountingReplays(storage, replays), storage.projectionStorage(), InMemoryStorage.scratchSpace());

        long applied = projections.catchUp();

        assertThat(applied).isZero();
        assertThat(replays).hasValue(0);
    }

    /** An event store that counts replays. */
    private record CountingReplays(EventStore delegate, AtomicInteger replays) implements EventStore {
        @Override
        public List<StoredEvent> append(AppendBatch batch) {
            return delegate.append(batch);
        }

        @Override
        public Stream<StoredEvent> replayFrom(long afterSequence) {
            replays.incrementAndGet();
            return delegate.replayFrom(afterSequence);
        }

        @Override
        public List<StoredEvent> readStream(String streamId) {
            return delegate.readStream(streamId);
        }

        @Override
        public long lastSequence() {
            return delegate.lastSequence();
        }

        @Override
        public List<UndecodableEvent> undecodableEvents() {
            return delegate.undecodableEvents();
        }
    }
}
