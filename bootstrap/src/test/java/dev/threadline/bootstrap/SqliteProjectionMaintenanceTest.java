package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.command.CompleteMessage;
import dev.threadline.application.command.SetSetting;
import dev.threadline.application.projection.ProjectionDifference;
import dev.threadline.application.projection.ProjectionMaintenanceTest;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.domain.store.UndecodableEvent;
import dev.threadline.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProjectionMaintenanceTest} on the SQLite-backed facade, and what only the SQLite store
 * shows: rows tampered or planted with plain SQL, delta rows.
 */
class SqliteProjectionMaintenanceTest extends ProjectionMaintenanceTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }

    private Path databaseFile() {
        return dir.resolve(SqliteDatabase.FILE_NAME);
    }

    @Test
    void verify_reports_a_planted_difference_with_table_key_column_expected_and_actual() throws Exception {
        Seeded seeded;
        try (StoreUnderTest store = stores().open()) {
            seeded = seed(store);
        }
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
                Statement statement = plain.createStatement()) {
            statement.executeUpdate(
                    "UPDATE projection_threads SET title = 'tampered' WHERE thread_id = '" + seeded.thread() + "'");
            statement.executeUpdate("DELETE FROM projection_turns");
        }
        try (StoreUnderTest store = stores().open()) {
            List<ProjectionDifference> differences =
                    store.projections().verify(s -> {}).differences();

            assertThat(differences)
                    .contains(new ProjectionDifference(
                            "projection_threads", seeded.thread().toString(), "title", "t", "tampered"));
            assertThat(differences).anySatisfy(d -> {
                assertThat(d.table()).isEqualTo("projection_turns");
                assertThat(d.column()).isEqualTo("*");
                assertThat(d.actual()).isNull();
            });

            store.projections().rebuild(s -> {});
            assertThat(store.projections().verify(s -> {}).clean()).isTrue();
        }
    }

    @Test
    void streamed_deltas_are_kept_as_rows_while_streaming_and_folded_into_the_text_at_completion() throws Exception {
        try (StoreUnderTest store = stores().open()) {
            Seeded seeded = seed(store);
            for (int i = 0; i < 50; i++) {
                store.execute(new AppendDelta(seeded.thread(), seeded.message(), "t" + i + " "));
            }
            assertThat(deltaRows()).isEqualTo(50);
            assertThat(store.projections().verify(s -> {}).clean()).isTrue();

            store.execute(new CompleteMessage(seeded.thread(), seeded.message()));

            MessageView message = seededMessage(store, seeded);
            assertThat(message.text()).startsWith("t0 t1 t2 ").endsWith("t49 ").hasSize(190);
            assertThat(message.streaming()).isFalse();
            assertThat(deltaRows()).isZero();
            assertThat(store.projections().verify(s -> {}).clean()).isTrue();
            store.projections().rebuild(s -> {});
            assertThat(seededMessage(store, seeded)).isEqualTo(message);
        }
    }

    private long deltaRows() throws Exception {
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
                Statement statement = plain.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM projection_message_deltas")) {
            return rows.getLong(1);
        }
    }

    @Test
    void an_undecodable_row_never_stops_the_store_from_opening_and_is_reported() throws Exception {
        try (StoreUnderTest store = stores().open()) {
            seed(store);
        }
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
                Statement statement = plain.createStatement()) {
            statement.executeUpdate("INSERT INTO events (event_id, stream_id, stream_version, event_type, occurred_at,"
                    + " recorded_at, payload) VALUES ('not-a-uuid', 'settings', 99, 'FutureEvent',"
                    + " '2026-11-24T08:00:00Z', '2026-11-24T08:00:00Z', '{}')");
        }
        try (StoreUnderTest store = stores().open()) {
            List<UndecodableEvent> bad = store.events().undecodableEvents();
            assertThat(bad).singleElement().satisfies(u -> {
                assertThat(u.sequence()).isEqualTo(store.events().lastSequence());
                assertThat(u.type()).isEqualTo("FutureEvent");
                assertThat(u.reason()).contains("FutureEvent");
            });
            assertThat(store.projections().status().lag()).isZero();
            store.execute(new SetSetting("still.works", "yes"));
            assertThat(store.queries().setting("still.works")).isPresent();
        }
    }
}
