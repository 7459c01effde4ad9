package dev.threadline.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rows stored by earlier versions (kept as fixtures, never edited) still decode. */
class StoredRowFixturesTest {

    private final EventJsonCodec codec = new EventJsonCodec();

    private static Path folder() throws URISyntaxException {
        return Path.of(StoredRowFixturesTest.class
                        .getResource("/stored-rows/README.md")
                        .toURI())
                .getParent();
    }

    private static Map<Path, String> rows() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(StoredRowFixturesTest::fullFormRow)
                    .sorted()
                    .collect(Collectors.toMap(Function.identity(), file -> {
                        try {
                            return Files.readString(file, StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }));
        }
    }

    /**
     * A row in the full form: a payload file without a columns companion. Rows in the stored form
     * (a {@code .columns.json} beside them) are {@link StoredFormFixturesTest}'s.
     */
    private static boolean fullFormRow(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json")
                && !name.endsWith(".columns.json")
                && !Files.exists(file.resolveSibling(name.replace(".json", ".columns.json")));
    }

    private static String typeOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.indexOf('-'));
    }

    @Test
    void every_stored_row_decodes_to_an_event_of_its_type() throws Exception {
        Map<Path, String> rows = rows();
        for (Map.Entry<Path, String> row : rows.entrySet()) {
            Event event = codec.decode(typeOf(row.getKey()), row.getValue());
            assertThat(event.typeName()).as(row.getKey().toString()).isEqualTo(typeOf(row.getKey()));
        }
    }

    @Test
    void every_event_type_has_a_stored_row() throws Exception {
        List<String> stored =
                rows().keySet().stream().map(StoredRowFixturesTest::typeOf).toList();
        assertThat(stored)
                .containsAll(Arrays.stream(EventType.values())
                        .map(EventType::typeName)
                        .toList());
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
