package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.port.ArchiveFiles;
import dev.threadline.application.port.ArchiveFilesContract;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.json.ExportLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonArchiveFilesTest extends ArchiveFilesContract {

    @Override
    protected ArchiveFiles files(Path dataDirectory) {
        return new JsonArchiveFiles(dataDirectory);
    }

    @Test
    void an_archive_is_in_the_export_format_under_archives_with_the_thread_and_utc_time_in_its_name() throws Exception {
        Instant at = Instant.parse("2026-11-23T21:00:00.5Z");
        StoredEvent event = new StoredEvent(
                5, EventId.next(), "settings", 0, at, at, null, null, null, new SettingChanged("ui.theme", "dark", at));
        ArchiveFiles files = files(dataDirectory);
        var thread = dev.threadline.domain.id.ThreadId.next();
        Path file = files.defaultArchive(thread, at);
        files.createDirectoryOf(file);

        files.writeEvents(file, List.of(event));

        assertThat(file).isEqualTo(dataDirectory.resolve("archives").resolve(thread + "-20261123T210000Z.jsonl"));
        assertThat(Files.readString(file)).isEqualTo(new ExportLines().encode(event) + "\n");
    }
}
