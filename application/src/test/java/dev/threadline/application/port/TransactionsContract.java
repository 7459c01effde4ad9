package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.port.CommandReceipts.Receipt;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.ExpectedVersion;
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

    @Test
    void a_rolled_back_savepoint_undoes_only_its_own_work() {
        inTransaction(() -> {
            writeEverything("before.one");
            assertThatThrownBy(() -> storage.transactions().inSavepoint(() -> {
                        writeEverything("inside.two");
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            assertThat(storage.events().lastSequence()).isEqualTo(1);
            writeEverything("after.three");
        });

        assertThat(storage.events().replayFrom(0).map(StoredEvent::sequence)).containsExactly(1L, 2L);
        assertThat(reads().settings()).extracting(SettingView::key).containsExactly("after.three", "before.one");
        assertThat(storage.receipts().receipt("inside.two")).isEmpty();
        assertThat(storage.receipts().receipt("after.three")).isPresent();
        assertThat(storage.projections().positions().position("read-models")).isEqualTo(2);
    }

    @Test
    void a_savepoint_that_succeeds_commits_with_its_transaction_and_rolls_back_with_it() {
        inTransaction(() -> storage.transactions().inSavepoint(() -> {
            writeEverything("kept.one");
            return null;
        }));
        assertThatThrownBy(() -> inTransaction(() -> {
                    storage.transactions().inSavepoint(() -> {
                        writeEverything("lost.two");
                        return null;
                    });
                    throw new IllegalStateException("outer fails");
                }))
                .hasMessage("outer fails");

        assertThat(reads().settings()).extracting(SettingView::key).containsExactly("kept.one");
        assertThat(storage.receipts().receipt("lost.two")).isEmpty();
        assertThat(storage.events().lastSequence()).isEqualTo(1);
    }

    @Test
    void a_rolled_back_savepoint_brings_back_rows_and_positions_written_before_it_and_not_since() {
        ProjectId project = ProjectId.next();
        ThreadId id = ThreadId.next();
        inTransaction(() -> {
            writer().putProject(project(project, "/p", AT));
            writer().putThread(thread(id, project, "before", AT));
            storage.projections().positions().setPosition("read-models", 5);
            assertThatThrownBy(() -> storage.transactions().inSavepoint(() -> {
                        writer().putThread(thread(id, project, "inside", AT));
                        storage.projections().positions().setPosition("read-models", 9);
                        assertThat(reads().thread(id)).map(ThreadView::title).contains("inside");
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");

            assertThat(reads().thread(id)).map(ThreadView::title).contains("before");
            assertThat(storage.projections().positions().position("read-models"))
                    .isEqualTo(5);
        });

        assertThat(reads().thread(id)).map(ThreadView::title).contains("before");
        assertThat(storage.projections().positions().position("read-models")).isEqualTo(5);
    }

    @Test
    void after_a_rolled_back_savepoint_a_stream_is_at_the_version_it_had_before_it() {
        List<StoredEvent> last = inTransaction(() -> {
            storage.events().append(AppendBatch.of(NewEvent.of(new SettingChanged("v.key", "1", AT))));
            assertThatThrownBy(() -> storage.transactions()
                            .inSavepoint(() -> storage
                                    .events()
                                    .append(AppendBatch.of(NewEvent.of(new SettingChanged("v.key", "2", AT)))
                                            .expecting(Event.SETTINGS_STREAM, ExpectedVersion.exactly(0)))
                                    .stream()
                                    .map(stored -> {
                                        throw new IllegalStateException("refused after appending");
                                    })
                                    .toList()))
                    .hasMessage("refused after appending");
            return storage.events()
                    .append(AppendBatch.of(NewEvent.of(new SettingChanged("v.key", "3", AT)))
                            .expecting(Event.SETTINGS_STREAM, ExpectedVersion.exactly(0)));
        });

        assertThat(last).singleElement().satisfies(stored -> {
            assertThat(stored.sequence()).isEqualTo(2);
            assertThat(stored.streamVersion()).isEqualTo(1);
        });
        assertThat(storage.events().readStream(Event.SETTINGS_STREAM)).hasSize(2);
    }

    @Test
    void a_savepoint_outside_a_transaction_is_a_transaction_of_its_own() {
        storage.transactions().inSavepoint(() -> {
            writeEverything("alone.one");
            return null;
        });
        assertThatThrownBy(() -> storage.transactions().inSavepoint(() -> {
                    writeEverything("alone.two");
                    throw new IllegalStateException("fails");
                }))
                .hasMessage("fails");

        assertThat(reads().settings()).extracting(SettingView::key).containsExactly("alone.one");
        assertThat(storage.events().lastSequence()).isEqualTo(1);
    }

    @Test
    void a_thread_knows_whether_it_is_inside_a_transaction() {
        assertThat(storage.transactions().insideTransaction()).isFalse();
        assertThat(inTransaction(() -> storage.transactions().insideTransaction()))
                .isTrue();
        assertThat(storage.transactions().insideTransaction()).isFalse();
    }
}
