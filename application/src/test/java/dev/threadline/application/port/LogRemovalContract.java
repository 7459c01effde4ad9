package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadCreated;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.domain.store.UndecodableEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The storage-neutral behaviours of {@link LogRemoval}. */
public abstract class LogRemovalContract extends StorageContract {

    /** The removal port on the store under test. */
    protected abstract LogRemoval removal();

    /**
     * Stores a row whose payload cannot be decoded, at the next sequence, as a damaged row would be.
     *
     * @return its sequence
     */
    protected abstract long plantUndecodable(String streamId, String type, String payload);

    private final ProjectId project = ProjectId.next();

    private List<StoredEvent> appendThread(ThreadId thread) {
        return storage.events().append(AppendBatch.of(NewEvent.of(new ThreadCreated(thread, project, "t", "m", AT))));
    }

    private List<Long> sequences() {
        try (Stream<StoredEvent> log = storage.events().replayAll()) {
            return log.map(StoredEvent::sequence).toList();
        }
    }

    @Test
    void removing_a_stream_takes_its_events_only_and_leaves_the_others_sequences_as_they_were() {
        ThreadId kept = ThreadId.next();
        ThreadId gone = ThreadId.next();
        long first = appendThread(kept).get(0).sequence();
        appendThread(gone);
        long third = appendThread(kept).get(0).sequence();

        long removed = inTransaction(() -> removal().remove(new LogRemoval.WholeStream(gone.toString())));

        assertThat(removed).isEqualTo(1);
        assertThat(storage.events().readStream(gone.toString())).isEmpty();
        assertThat(sequences()).containsExactly(first, third);
    }

    @Test
    void sequences_are_never_reused_even_when_the_last_events_are_removed() {
        storage.events().append(AppendBatch.of(NewEvent.of(new SettingChanged("a.b", "1", AT))));
        ThreadId gone = ThreadId.next();
        long removedSequence = appendThread(gone).get(0).sequence();

        long next = inTransaction(() -> {
            removal().remove(new LogRemoval.WholeStream(gone.toString()));
            return storage.events()
                    .append(AppendBatch.of(NewEvent.of(new SettingChanged("a.b", "2", AT))))
                    .get(0)
                    .sequence();
        });

        assertThat(next).isGreaterThan(removedSequence);
        assertThat(storage.events().lastSequence()).isEqualTo(next);
        assertThat(storage.events()
                        .append(AppendBatch.of(NewEvent.of(new SettingChanged("a.b", "3", AT))))
                        .get(0)
                        .sequence())
                .isEqualTo(next + 1);
    }

    @Test
    void a_removed_stream_starts_again_at_version_zero() {
        ThreadId thread = ThreadId.next();
        appendThread(thread);
        appendThread(thread);

        StoredEvent again = inTransaction(() -> {
            removal().remove(new LogRemoval.WholeStream(thread.toString()));
            return appendThread(thread).get(0);
        });

        assertThat(again.streamVersion()).isZero();
        assertThat(storage.events().readStream(thread.toString())).containsExactly(again);
    }

    @Test
    void a_rollback_leaves_every_row_where_it_was() {
        ThreadId thread = ThreadId.next();
        List<StoredEvent> stored = appendThread(thread);

        assertThatThrownBy(() -> inTransaction(() -> {
                    removal().remove(new LogRemoval.WholeStream(thread.toString()));
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(storage.events().readStream(thread.toString())).isEqualTo(stored);
    }

    @Test
    void removal_outside_a_transaction_is_refused() {
        assertThatThrownBy(() -> removal().remove(new LogRemoval.WholeStream("x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void undecodable_rows_are_listed_with_their_raw_columns_and_removed_by_their_sequences() {
        storage.events().append(AppendBatch.of(NewEvent.of(new SettingChanged("a.b", "1", AT))));
        long damaged = plantUndecodable("settings", "SettingChanged", "{\"key\":");
        long unknown = plantUndecodable("store", "NoSuchType", "{}");
        long after = storage.events()
                .append(AppendBatch.of(NewEvent.of(new SettingChanged("a.b", "2", AT))))
                .get(0)
                .sequence();

        List<LogRemoval.RawRow> rows = removal().undecodableRows();

        assertThat(rows).extracting(LogRemoval.RawRow::sequence).containsExactly(damaged, unknown);
        assertThat(rows.get(0).payload()).isEqualTo("{\"key\":");
        assertThat(rows.get(0).type()).isEqualTo("SettingChanged");
        assertThat(rows.get(0).streamId()).isEqualTo("settings");
        assertThat(rows.get(1).type()).isEqualTo("NoSuchType");
        assertThat(storage.events().undecodableEvents())
                .extracting(UndecodableEvent::sequence)
                .containsExactly(damaged, unknown);

        long removed = inTransaction(() -> removal().remove(new LogRemoval.AtSequences(List.of(damaged, unknown))));

        assertThat(removed).isEqualTo(2);
        assertThat(removal().undecodableRows()).isEmpty();
        assertThat(storage.events().undecodableEvents()).isEmpty();
        assertThat(sequences()).containsExactly(1L, after);
    }
}
