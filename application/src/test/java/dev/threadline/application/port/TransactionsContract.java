package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.port.CommandReceipts.Receipt;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every behaviour of {@link Transactions} across the storage's ports. */
public abstract class TransactionsContract extends StorageContract {

    private void writeEverything(String key) {
        storage.events().append(AppendBatch.of(NewEvent.of(new SettingChanged(key, "on", AT))));
        writer().putSetting(new SettingView(key, "on", AT));
        storage.projections()
                .positions()
                .setPosition("read-models", storage.events().lastSequence());
        storage.receipts().record(new Receipt(key, "SetSetting", "f", new CommandResult(Map.of(), 1, 1)));
    }

    @Test
    void committed_work_is_kept_in_every_port() {
        String result = inTransaction(() -> {
            writeEverything("a.b");
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(storage.events().lastSequence()).isEqualTo(1);
        assertThat(reads().setting("a.b")).isPresent();
        assertThat(storage.projections().positions().position("read-models")).isEqualTo(1);
        assertThat(storage.receipts().receipt("a.b")).isPresent();
    }

    @Test
    void an_exception_rolls_back_events_rows_positions_and_receipts() {
        assertThatThrownBy(() -> inTransaction(() -> {
                    writeEverything("a.b");
                    throw new IllegalStateException("fail");
                }))
                .hasMessage("fail");

        assertThat(storage.events().lastSequence()).isZero();
        assertThat(reads().setting("a.b")).isEmpty();
        assertThat(storage.projections().positions().position("read-models")).isZero();
        assertThat(storage.receipts().receipt("a.b")).isEmpty();
        inTransaction(() -> writeEverything("c.d"));
        assertThat(storage.events().lastSequence()).isEqualTo(1);
    }

    @Test
    void work_inside_a_running_transaction_joins_it_and_rolls_back_with_it() {
        assertThatThrownBy(() -> inTransaction(() -> {
                    inTransaction(() -> writeEverything("inner.one"));
                    assertThat(reads().setting("inner.one")).isPresent();
                    throw new IllegalStateException("outer fails");
                }))
                .hasMessage("outer fails");

        assertThat(reads().setting("inner.one")).isEmpty();
        assertThat(storage.events().lastSequence()).isZero();
    }

    @Test
    void joined_work_commits_with_the_outer_transaction() {
        inTransaction(() -> {
            inTransaction(() -> writeEverything("x.one"));
            inTransaction(() -> writeEverything("x.two"));
        });

        assertThat(reads().settings()).extracting(SettingView::key).containsExactly("x.one", "x.two");
        assertThat(storage.events().lastSequence()).isEqualTo(2);
    }

    @Test
    void a_replay_inside_a_transaction_sees_its_appends() {
        List<StoredEvent> seen = inTransaction(() -> {
            writeEverything("r.one");
            try (Stream<StoredEvent> replay = storage.events().replayFrom(0)) {
                return replay.toList();
            }
        });

        assertThat(seen).hasSize(1);
        assertThat(storage.events().lastSequence()).isEqualTo(1);
    }
}
