package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The storage-neutral behaviours of {@link Maintenance}. */
public abstract class MaintenanceContract extends StorageContract {

    /**
     * How many bytes two rows of equal content may differ by: the time of record comes from the
     * store's clock and is written with as few fraction digits as it needs (".123456789" or none).
     */
    private static final long TIME_OF_RECORD_SLACK = 10;

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

    private void deltas(ThreadId thread, int count, String delta) {
        MessageId message = MessageId.next();
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(NewEvent.of(new MessageDeltaAppended(thread, message, delta, AT)));
        }
        storage.events().append(AppendBatch.of(batch));
    }

    private Map<String, Maintenance.StreamSize> streamSizes() {
        return maintenance().streamSizes().stream()
                .collect(Collectors.toMap(Maintenance.StreamSize::streamId, Function.identity()));
    }

    @Test
    void a_fresh_store_has_no_stream_sizes() {
        assertThat(maintenance().streamSizes()).isEmpty();
    }

    @Test
    void stream_sizes_count_each_streams_events_and_grow_with_what_they_hold() {
        seed();
        ThreadId small = ThreadId.next();
        ThreadId large = ThreadId.next();
        deltas(small, 3, "x");
        // Under the size past which a store may keep a payload compressed, so stored bytes follow the text.
        deltas(large, 3, "x".repeat(900));

        Map<String, Maintenance.StreamSize> sizes = streamSizes();

        assertThat(sizes).containsOnlyKeys("settings", small.toString(), large.toString());
        assertThat(sizes.get("settings").events()).isEqualTo(20);
        assertThat(sizes.get(small.toString()).events()).isEqualTo(3);
        assertThat(sizes.get(large.toString()).events()).isEqualTo(3);
        assertThat(sizes.values()).allSatisfy(size -> assertThat(size.bytes()).isPositive());
        assertThat(sizes.get(large.toString()).bytes()
                        - sizes.get(small.toString()).bytes())
                .isGreaterThanOrEqualTo(3 * (899L - TIME_OF_RECORD_SLACK));
    }

    @Test
    void a_multibyte_character_counts_as_its_stored_bytes() {
        ThreadId ascii = ThreadId.next();
        ThreadId accented = ThreadId.next();
        deltas(ascii, 1, "e".repeat(100));
        deltas(accented, 1, "é".repeat(100));

        Map<String, Maintenance.StreamSize> sizes = streamSizes();

        assertThat(sizes.get(accented.toString()).bytes()
                        - sizes.get(ascii.toString()).bytes())
                .isBetween(100L - TIME_OF_RECORD_SLACK, 100L + TIME_OF_RECORD_SLACK);
    }

    @Test
    void reporting_sizes_writes_nothing() {
        seed();
        Maintenance.Size before = maintenance().size();
        List<Maintenance.StreamSize> streams = maintenance().streamSizes();

        maintenance().availableBytes();

        // Row counts and free space may come from statistics, which a server updates on its own
        // schedule after the seed's writes: the bytes of each table are what a write would change.
        Maintenance.Size after = maintenance().size();
        assertThat(after.bytes()).isEqualTo(before.bytes());
        assertThat(after.tables())
                .extracting(Maintenance.TableSize::name, Maintenance.TableSize::bytes)
                .containsExactlyElementsOf(before.tables().stream()
                        .map(table -> tuple(table.name(), table.bytes()))
                        .toList());
        assertThat(maintenance().streamSizes()).containsExactlyInAnyOrderElementsOf(streams);
        assertThat(storage.events().lastSequence()).isEqualTo(20);
    }
}
