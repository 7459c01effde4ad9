package dev.threadline.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Writes queued by a transaction and sent with its next statement behave as if run at once. */
@ExtendWith(TestServer.class)
class PostgresPendingWritesTest {

    private static final Instant AT = Instant.parse("2026-12-01T06:00:00Z");

    private PostgresDatabase database;
    private PostgresProjectionWriter writer;
    private PostgresReadModels reads;

    @BeforeEach
    void open() {
        String schema = "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        database = PostgresDatabase.open(TestServer.database(getClass()).withSchema(schema));
        writer = new PostgresProjectionWriter(database);
        reads = new PostgresReadModels(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_queued_write_is_seen_by_the_next_read_of_its_transaction() {
        String seen = database.inTransaction(connection -> {
            writer.putSetting(new SettingView("a.b", "one", AT));
            return reads.setting("a.b").map(SettingView::value).orElse(null);
        });

        assertThat(seen).isEqualTo("one");
        assertThat(reads.setting("a.b")).map(SettingView::value).hasValue("one");
    }

    @Test
    void writes_queued_inside_a_savepoint_that_rolls_back_are_dropped_and_earlier_ones_kept() {
        database.inTransaction(connection -> {
            writer.putSetting(new SettingView("kept.before", "1", AT));
            assertThatThrownBy(() -> database.inSavepoint(inner -> {
                        writer.putSetting(new SettingView("dropped", "2", AT));
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            writer.putSetting(new SettingView("kept.after", "3", AT));
            return null;
        });

        assertThat(reads.settings()).extracting(SettingView::key).containsExactly("kept.after", "kept.before");
    }

    @Test
    void a_queued_write_the_server_refuses_fails_its_own_savepoint_and_nothing_else() {
        database.inTransaction(connection -> {
            writer.putSetting(new SettingView("kept", "1", AT));
            assertThatThrownBy(() -> database.inSavepoint(inner -> {
                        // projector_positions checks position >= 0: refused when the savepoint is released.
                        database.write(PostgresProjectorPositions.SET, "broken", -1L);
                        return null;
                    }))
                    .isInstanceOf(StorageFailure.class);
            writer.putSetting(new SettingView("after", "2", AT));
            return null;
        });

        assertThat(reads.settings()).extracting(SettingView::key).containsExactly("after", "kept");
    }

    @Test
    void a_write_the_server_refuses_after_its_port_savepoint_was_released_fails_the_transaction() {
        assertThatThrownBy(() -> database.inTransactionOfStatements(() -> {
                    writer.putSetting(new SettingView("first", "1", AT));
                    database.inSavepointOfStatements(() -> {
                        database.write(PostgresProjectorPositions.SET, "broken", -1L);
                        return null;
                    });
                    writer.putSetting(new SettingView("second", "2", AT));
                    return null;
                }))
                .isInstanceOf(StorageFailure.class);

        assertThat(reads.settings()).isEmpty();
    }

    @Test
    void a_port_savepoint_refused_before_the_server_saw_it_drops_its_writes_and_keeps_the_others() {
        database.inTransactionOfStatements(() -> {
            writer.putSetting(new SettingView("kept.before", "1", AT));
            assertThatThrownBy(() -> database.inSavepointOfStatements(() -> {
                        writer.putSetting(new SettingView("dropped", "2", AT));
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            database.inSavepointOfStatements(() -> {
                writer.putSetting(new SettingView("kept.inside", "3", AT));
                return null;
            });
            writer.putSetting(new SettingView("kept.after", "4", AT));
            return null;
        });

        assertThat(reads.settings())
                .extracting(SettingView::key)
                .containsExactly("kept.after", "kept.before", "kept.inside");
    }

    @Test
    void what_was_read_ahead_comes_with_the_first_round_trip_and_is_then_known_without_one() {
        PostgresCommandReceipts receipts = new PostgresCommandReceipts(database, Clock.systemUTC());
        ThreadId stored = ThreadId.next();
        ThreadId missing = ThreadId.next();
        writer.putThread(new ThreadView(stored, ProjectId.next(), "t", "m", false, false, 0, 0, null, AT, AT, 0, null));

        database.inTransactionOfStatements(() -> {
            receipts.readAhead(List.of("first", "second"));
            reads.readThreadsAhead(List.of(stored, missing));
            assertThat(receipts.receipt("first")).isEmpty(); // the one round trip: lock, reads ahead
            writer.putSetting(new SettingView("queued", "1", AT));

            assertThat(receipts.receipt("second")).isEmpty();
            assertThat(reads.thread(stored)).isPresent();
            assertThat(reads.thread(missing)).isEmpty();
            assertThat(database.openTransaction().version(stored.toString())).isEqualTo(-1L);
            assertThat(database.openTransaction().pending.isEmpty())
                    .as("no lookup sent the queued write")
                    .isFalse();
            return null;
        });
        assertThat(reads.setting("queued")).isPresent();
    }

    @Test
    void a_read_ahead_is_planned_once_for_its_connection_and_not_again_at_each_transaction() {
        PostgresCommandReceipts receipts = new PostgresCommandReceipts(database, Clock.systemUTC());
        for (int i = 0; i < 12; i++) {
            ThreadId thread = ThreadId.next();
            database.inTransactionOfStatements(() -> {
                reads.readThreadsAhead(List.of(thread));
                return receipts.receipt("a command");
            });
        }
        // pgjdbc prepares a statement on the server once it ran a few times; from then on, its
        // plan is the generic one, made once, rather than one made again at every run.
        long[] plans = database.inTransaction(connection -> {
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                            + " WHERE statement LIKE '%FROM projection_threads t WHERE t.thread_id = ANY%'")) {
                assertThat(rows.next())
                        .as("the read ahead is prepared on this connection")
                        .isTrue();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        });
        assertThat(plans[0]).isPositive();
        assertThat(plans[1]).isZero();
    }

    @Test
    void text_holding_nul_is_refused_when_written_and_its_transaction_stores_nothing() {
        assertThatThrownBy(() -> database.inTransaction(connection -> {
                    writer.putSetting(new SettingView("first", "1", AT));
                    writer.putSetting(new SettingView("second", "a\0b", AT));
                    return null;
                }))
                .isInstanceOfSatisfying(
                        StorageFailure.class, e -> assertThat(e.reason()).isEqualTo(StorageFailure.Reason.ENCODING));

        assertThat(reads.settings()).isEmpty();
    }

    @Test
    void work_handed_the_connection_sees_the_writes_queued_before_it() {
        String seen = database.inTransaction(connection -> {
            writer.putSetting(new SettingView("queued", "1", AT));
            return database.inSavepoint(own -> {
                try (var query = own.prepareStatement("SELECT value FROM settings WHERE key = 'queued'");
                        var rows = query.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            });
        });

        assertThat(seen).isEqualTo("1");
    }
}
