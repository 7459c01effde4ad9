package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.port.Maintenance;
import dev.threadline.application.port.MaintenanceContract;
import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SqliteMaintenanceTest extends MaintenanceContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }

    private Path file() {
        return directory.resolve(SqliteDatabase.FILE_NAME);
    }

    private void settings(int count) {
        for (int i = 0; i < count; i++) {
            storage.events().append(AppendBatch.of(NewEvent.of(new SettingChanged("k.v" + i, "x".repeat(200), AT))));
        }
    }

    @Test
    void each_table_is_measured_with_its_indexes_and_its_rows_counted() {
        settings(50);

        Maintenance.Size size = storage.maintenance().size();

        assertThat(size.tables()).anySatisfy(table -> {
            assertThat(table.name()).isEqualTo("events");
            assertThat(table.rows()).isEqualTo(50);
            assertThat(table.bytes()).isGreaterThanOrEqualTo(3 * 4096L); // the table and its two indexes
        });
        assertThat(size.tables()).isSortedAccordingTo((a, b) -> Long.compare(b.bytes(), a.bytes()));
        assertThat(size.tables().stream()
                        .mapToLong(Maintenance.TableSize::bytes)
                        .sum())
                .isLessThanOrEqualTo(size.bytes());
        assertThat(storage.maintenance().availableBytes()).isPresent();
    }

    @Test
    void measuring_leaves_the_file_untouched() throws Exception {
        settings(50);
        long bytes = Files.size(file());
        FileTime modified = Files.getLastModifiedTime(file());
        Thread.sleep(20); // a write would now move the modification time

        storage.maintenance().size();
        storage.maintenance().streamSizes();
        storage.maintenance().availableBytes();

        assertThat(Files.size(file())).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(file())).isEqualTo(modified);
        assertThat(storage.events().lastSequence()).isEqualTo(50);
    }

    @Test
    void compaction_gives_back_the_free_pages() throws Exception {
        settings(5);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = other.createStatement()) {
            statement.execute("CREATE TABLE scratch (filler TEXT)");
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
                    + " INSERT INTO scratch SELECT hex(randomblob(2000)) FROM n");
            statement.execute("DROP TABLE scratch");
        }
        Maintenance.Size before = storage.maintenance().size();

        Maintenance.Compaction compaction = storage.maintenance().compact();

        assertThat(before.freeBytes()).isGreaterThan(1_000_000L);
        assertThat(compaction.before()).isEqualTo(before.bytes());
        assertThat(compaction.after()).isLessThanOrEqualTo(before.bytes() - before.freeBytes());
        assertThat(storage.maintenance().size().freeBytes()).isZero();
        assertThat(storage.events().lastSequence()).isEqualTo(5);
    }

    @Test
    void compaction_waits_for_another_writer_and_keeps_what_it_wrote() throws Exception {
        settings(5);
        AtomicBoolean committed = new AtomicBoolean();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("CREATE TABLE other_writer (filler TEXT)");
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    committed.set(true);
                    statement.execute("COMMIT");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();

            storage.maintenance().compact();

            assertThat(committed).isTrue();
            writer.join();
            try (ResultSet tables =
                    statement.executeQuery("SELECT count(*) FROM sqlite_schema WHERE name = 'other_writer'")) {
                assertThat(tables.getLong(1)).isEqualTo(1);
            }
        }
        assertThat(storage.events().lastSequence()).isEqualTo(5);
    }
}
