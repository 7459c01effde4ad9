package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The storage-neutral behaviours of {@link Maintenance}. */
public abstract class MaintenanceContract extends StorageContract {

    private Maintenance maintenance() {
        return storage.maintenance();
    }

    private void seed() {
        for (int i = 0; i < 20; i++) {
            storage.events().append(AppendBatch.of(NewEvent.of(new SettingChanged("k.v" + i, "x".repeat(200), AT))));
        }
    }

    @Test
    void a_fresh_store_is_sound_has_a_schema_version_and_says_where_it_is() {
        assertThat(maintenance().integrityCheck().sound()).isTrue();
        assertThat(maintenance().integrityCheck().findings()).containsExactly("ok");
        assertThat(maintenance().schemaVersion()).isPositive();
        assertThat(maintenance().location()).isNotBlank();
    }

    @Test
    void a_backup_fills_an_empty_file_with_a_sound_copy() throws Exception {
        seed();
        Path target = directory.resolve("copy.bak");
        Files.createFile(target);

        Maintenance.Integrity check = maintenance().backup(target);

        assertThat(check.sound()).isTrue();
        assertThat(Files.size(target)).isPositive();
    }

    @Test
    void the_size_report_counts_the_stored_data_and_compaction_reports_before_and_after() {
        seed();

        Maintenance.Size size = maintenance().size();
        Maintenance.Compaction compaction = maintenance().compact();

        assertThat(size.bytes()).isPositive();
        assertThat(size.freeBytes()).isBetween(0L, size.bytes());
        assertThat(compaction.before()).isEqualTo(size.bytes());
        assertThat(compaction.after()).isBetween(0L, compaction.before());
        assertThat(storage.events().lastSequence()).isEqualTo(20);
    }
}
