package dev.threadline.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.readmodel.SettingView;
import dev.threadline.domain.error.StorageFailure;
import java.time.Instant;
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
