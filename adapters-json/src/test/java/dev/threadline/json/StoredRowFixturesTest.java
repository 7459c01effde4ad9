package dev.threadline.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rows stored by earlier versions (kept as fixtures, never edited) still decode. */
class StoredRowFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a full-form row's columns are taken to hold here: its payload alone must be enough. */
    private static final String UNREAD = "not read for a row in the full form";

    private final EventJsonCodec codec = new EventJsonCodec();

    /** A fixture row: its type and payload, and for the stored form its stream id and time columns. */
    private record Row(String file, String type, String payload, String streamId, String occurredAt) {
        boolean storedForm() {
            return streamId != null;
        }
    }

    private static Path folder() throws URISyntaxException {
        return Path.of(StoredRowFixturesTest.class
                        .getResource("/stored-rows/README.md")
                        .toURI())
                .getParent();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row, by file name. */
    private static Map<String, Row> rows() throws IOException, URISyntaxException {
        Map<String, Row> rows = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder())) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".json") || name.endsWith(".columns.json")) {
                    continue;
                }
                String type = name.substring(0, name.indexOf('-'));
                Path columnsFile = file.resolveSibling(name.replace(".json", ".columns.json"));
                if (Files.exists(columnsFile)) {
                    JsonNode columns = JSON.readTree(read(columnsFile));
                    rows.put(
                            name,
                            new Row(
                                    name,
                                    type,
                                    read(file),
                                    columns.get("stream_id").asText(),
                                    columns.get("occurred_at").asText()));
                } else {
                    rows.put(name, new Row(name, type, read(file), null, null));
                }
            }
        }
        return rows;
    }

    private Event decode(Row row) {
        return row.storedForm()
                ? codec.decodeStored(row.type(), row.streamId(), row.occurredAt(), row.payload())
                : codec.decodeStored(row.type(), UNREAD, UNREAD, row.payload());
    }

    private static List<String> allTypes() {
        return Arrays.stream(EventType.values()).map(EventType::typeName).toList();
    }

    @Test
    void every_stored_row_decodes_to_an_event_of_its_type() throws Exception {
        for (Row row : rows().values()) {
            Event event = decode(row);
            assertThat(event.typeName()).as(row.file()).isEqualTo(row.type());
            if (row.storedForm()) {
                assertThat(event.streamId()).as(row.file()).isEqualTo(row.streamId());
                assertThat(event.at().toString()).as(row.file()).isEqualTo(row.occurredAt());
            }
        }
    }

    @Test
    void every_event_type_has_a_stored_row_in_each_form() throws Exception {
        List<Row> rows = List.copyOf(rows().values());
        assertThat(rows.stream().filter(row -> !row.storedForm()).map(Row::type))
                .containsAll(allTypes());
        assertThat(rows.stream().filter(Row::storedForm).map(Row::type)).containsAll(allTypes());
    }

    @Test
    void a_row_in_the_full_form_decodes_from_its_payload_alone_as_before() throws Exception {
        for (Row row : rows().values()) {
            if (!row.storedForm()) {
                assertThat(decode(row)).as(row.file()).isEqualTo(codec.decode(row.type(), row.payload()));
            }
        }
    }

    @Test
    void both_forms_of_a_type_decode_to_the_same_event() throws Exception {
        Map<String, Row> rows = rows();
        for (String type : allTypes()) {
            Event full = decode(rows.get(type + "-1.json"));
            Event stored = decode(rows.get(type + "-2.json"));
            assertThat(stored).as(type).isEqualTo(full);
            assertThat(codec.encodeStored(full))
                    .as(type)
                    .isEqualTo(rows.get(type + "-2.json").payload());
        }
    }

    @Test
    void a_checkpoint_stored_before_snapshots_decodes_without_commit_and_with_nothing_skipped() throws Exception {
        Path file = folder().resolve("CheckpointCreated-1.json");
        CheckpointCreated event =
                (CheckpointCreated) codec.decode("CheckpointCreated", Files.readString(file, StandardCharsets.UTF_8));
        assertThat(event.commit()).isNull();
        assertThat(event.skipped()).isEmpty();
        assertThat(event.gitRef()).isEqualTo("refs/threadline/cp-1");
    }
}
