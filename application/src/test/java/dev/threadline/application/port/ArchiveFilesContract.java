package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadArchived;
import dev.threadline.domain.event.ThreadCreated;
import dev.threadline.domain.event.ThreadRenamed;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The behaviours every {@link ArchiveFiles} implementation promises. */
public abstract class ArchiveFilesContract {

    private static final Instant AT = Instant.parse("2026-11-23T21:00:00.123456Z");

    @TempDir
    protected Path dataDirectory;

    private ArchiveFiles files;

    /** The implementation under test, with its default files under this data directory. */
    protected abstract ArchiveFiles files(Path dataDirectory);

    @BeforeEach
    void open() {
        files = files(dataDirectory);
    }

    private static List<StoredEvent> events() {
        List<StoredEvent> events = new ArrayList<>();
        long sequence = 1;
        ThreadId thread = ThreadId.next();
        List<Event> family = List.of(
                new ThreadCreated(thread, ProjectId.next(), "Fix it", "model", AT),
                new ThreadRenamed(thread, "two\nlines ✓", AT),
                new SettingChanged("ui.theme", "dark", AT),
                new ThreadArchived(thread, AT));
        for (Event event : family) {
            events.add(new StoredEvent(
                    sequence, EventId.next(), event.streamId(), sequence - 1, AT, AT, null, null, null, event));
            sequence += 3; // gaps, as a purge leaves them
        }
        return events;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void an_archive_is_owner_only_and_its_size_and_digest_are_what_the_write_and_measure_report() throws Exception {
        List<StoredEvent> events = events();
        Path file = files.defaultArchive(ThreadId.next(), AT);
        files.createDirectoryOf(file);

        ArchiveFiles.WrittenFile written = files.writeEvents(file, events);

        byte[] content = Files.readAllBytes(file);
        assertThat(written.file()).isEqualTo(file.toAbsolutePath());
        assertThat(written.bytes()).isEqualTo(content.length).isEqualTo(files.measure(events));
        assertThat(written.sha256()).isEqualTo(sha256(content));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(file.startsWith(dataDirectory)).isTrue();
        assertThat(new String(content, java.nio.charset.StandardCharsets.UTF_8).lines())
                .hasSize(events.size());
        try (var siblings = Files.list(file.getParent())) {
            assertThat(siblings).containsExactly(file);
        }
    }

    @Test
    void an_existing_file_with_other_content_is_refused_and_left_as_it_was() throws Exception {
        Path file = dataDirectory.resolve("taken.jsonl");
        Files.writeString(file, "mine\n");

        assertThatThrownBy(() -> files.writeEvents(file, events()))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo(ArchiveFiles.FILE_IS_NEW));

        assertThat(Files.readString(file)).isEqualTo("mine\n");
    }

    @Test
    void writing_the_same_content_again_is_accepted_as_written() throws Exception {
        List<StoredEvent> events = events();
        Path file = dataDirectory.resolve("again.jsonl");
        ArchiveFiles.WrittenFile first = files.writeEvents(file, events);

        ArchiveFiles.WrittenFile second = files.writeEvents(file, events);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void a_missing_directory_fails_as_storage_and_creates_nothing() {
        Path file = dataDirectory.resolve("absent").resolve("archive.jsonl");

        assertThatThrownBy(() -> files.writeEvents(file, events())).isInstanceOf(StorageFailure.class);

        assertThat(Files.exists(file.getParent())).isFalse();
    }

    @Test
    void quarantined_rows_are_one_line_each_in_an_owner_only_file_of_their_own_directory() throws Exception {
        List<LogRemoval.RawRow> rows = List.of(
                new LogRemoval.RawRow(7, "e-7", "settings", 2, "SettingChanged", "t1", "t2", null, null, null, "{\"k"),
                new LogRemoval.RawRow(9, "e-9", "store", 0, "Unknown", "t1", "t2", "c", null, null, "{}"));
        Path file = files.quarantineFile(AT);
        files.createDirectoryOf(file);

        ArchiveFiles.WrittenFile written = files.writeRows(file, rows);

        assertThat(file.startsWith(dataDirectory)).isTrue();
        assertThat(file.getParent())
                .isNotEqualTo(files.defaultArchive(ThreadId.next(), AT).getParent());
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(written.bytes()).isEqualTo(Files.size(file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
