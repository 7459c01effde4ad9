package dev.threadline.application.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.port.InMemoryStorage;
import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.domain.store.UndecodableEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catching up on a store whose projections are current: run here on the fakes and, by
 * adapters-sqlite's {@code SqliteCatchUpTest}, on a database file opened again.
 */
public class CatchUpTest {

    private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");

    @TempDir
    Path directory;

    private InMemoryStorage memory;

    /** Opens the storage in a directory again, on what it already holds. */
    protected StorageUnderTest open(Path directory) throws Exception {
        if (memory == null) {
            memory = new InMemoryStorage();
        }
        return StorageUnderTest.inMemory(memory);
    }

    @Test
    void a_current_store_opens_without_replaying_the_log() throws Exception {
        StorageUnderTest first = open(directory);
        try {
            first.events().append(AppendBatch.of(NewEvent.of(new SettingChanged("ui.theme", "dark", AT))));
            new Projections(first.events(), first.projections(), first.scratch()).catchUp();
        } finally {
            first.close().close();
        }
        StorageUnderTest again = open(directory);
        try {
            AtomicInteger replays = new AtomicInteger();
            Projections projections =
                    new Projections(new CountingReplays(again.events(), replays), again.projections(), again.scratch());

            long applied = projections.catchUp();

            assertThat(applied).isZero();
            assertThat(replays).hasValue(0);
        } finally {
            again.close().close();
        }
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
