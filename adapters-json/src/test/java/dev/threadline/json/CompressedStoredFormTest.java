package dev.threadline.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.MessageAdded;
import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.TurnFailed;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Large payloads are stored deflated, as text that no JSON payload can be taken for, and read back
 * equal; small ones stay JSON; a damaged one is reported as undecodable. The {@code <Type>-3.json}
 * rows (with their {@code .columns.json}) are payloads in the compressed stored form, kept as
 * fixtures and never edited.
 */
class CompressedStoredFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-23T21:00:00.123456Z");
    private static final ThreadId THREAD = new ThreadId(UUID.fromString("01937a4e-0000-7000-8000-000000000002"));
    private static final TurnId TURN = new TurnId(UUID.fromString("01937a4e-0000-7000-8000-000000000003"));
    private static final MessageId MESSAGE = new MessageId(UUID.fromString("01937a4e-0000-7000-8000-000000000006"));

    private final EventJsonCodec codec = new EventJsonCodec();

    private static String fixture(String name) throws IOException, URISyntaxException {
        Path folder = Path.of(CompressedStoredFormTest.class
                        .getResource("/stored-rows/README.md")
                        .toURI())
                .getParent();
        return Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
    }

    /** The event a {@code <Type>-3.json} row holds, decoded with its columns. */
    private Event compressedFixture(String type) throws Exception {
        String payload = fixture(type + "-3.json");
        JsonNode columns = JSON.readTree(fixture(type + "-3.columns.json"));
        assertThat(payload).as(type).startsWith(String.valueOf(CompressedPayloads.MARKER));
        Event event = codec.decodeStored(
                type,
                columns.get("stream_id").asText(),
                columns.get("occurred_at").asText(),
                payload);
        // The JSON inside is the stored form this version writes for the same event, byte for byte.
        assertThat(CompressedPayloads.inflate(type, payload))
                .as(type)
                .isEqualTo(CompressedPayloads.inflate(type, codec.encodeStored(event)));
        return event;
    }

    private static MessageAdded message(String text) {
        return new MessageAdded(THREAD, TURN, MESSAGE, Role.ASSISTANT, text, false, AT);
    }

    /**
     * A message whose stored JSON is exactly this many UTF-8 bytes: its text repeats {@code unit},
     * then as many {@code a} as the rest needs.
     */
    private MessageAdded messageOfStoredSize(int bytes, String unit) {
        int fixed = codec.encodeStored(message("")).getBytes(StandardCharsets.UTF_8).length;
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        int units = (bytes - fixed) / unitBytes;
        MessageAdded sized = message(unit.repeat(units) + "a".repeat(bytes - fixed - units * unitBytes));
        assertThat(
                        codec.encodeStored(sized).startsWith("{")
                                ? codec.encodeStored(sized).getBytes(StandardCharsets.UTF_8).length
                                : CompressedPayloads.inflate("MessageAdded", codec.encodeStored(sized))
                                        .getBytes(StandardCharsets.UTF_8)
                                        .length)
                .as("stored JSON bytes")
                .isEqualTo(bytes);
        return sized;
    }

    @Test
    void the_compressed_fixture_rows_decode_to_the_events_they_were_written_from() throws Exception {
        MessageAdded added = (MessageAdded) compressedFixture("MessageAdded");
        MessageDeltaAppended delta = (MessageDeltaAppended) compressedFixture("MessageDeltaAppended");
        TurnFailed failed = (TurnFailed) compressedFixture("TurnFailed");
        CheckpointCreated checkpoint = (CheckpointCreated) compressedFixture("CheckpointCreated");

        assertThat(added.threadId()).isEqualTo(THREAD);
        assertThat(added.messageId()).isEqualTo(MESSAGE);
        assertThat(added.at()).isEqualTo(AT);
        assertThat(added.text())
                .hasSize(1_404)
                .startsWith("The build fails because `mvn verify`")
                .contains("\"C:\\Users\\renée\\threadline\"", "passes ✓", "```java\n@TempDir Path dir;")
                .endsWith("into a shell \uD83D\uDE80.\n");
        assertThat(delta.messageId()).isEqualTo(MESSAGE);
        assertThat(delta.delta())
                .startsWith(" the second reason is the checkpoint capture")
                .contains("| checkpoint      | 2.1 s  | 0.3 s |", "Ça devrait suffire")
                .endsWith("batch of 1,000 lines.\n");
        assertThat(failed.turnId()).isEqualTo(TURN);
        assertThat(failed.error())
                .startsWith("dev.threadline.domain.error.StorageUnavailable: the store at /home/renée/")
                .contains("\tat dev.threadline.sqlite.EventAppends.insert(EventAppends.java:160)");
        assertThat(checkpoint.gitRef()).isEqualTo("refs/threadline/cp-2");
        assertThat(checkpoint.message())
                .startsWith("Fix the flaky integration tests: one SQLite file per test\n\n")
                .contains("Résumé: nothing waits for a lock ✓");
    }

    @Test
    void a_large_payload_is_stored_compressed_and_reads_back_equal() {
        MessageAdded large =
                message("The cookie is set after the redirect, so the second request carries it. ".repeat(40));

        String stored = codec.encodeStored(large);

        assertThat(stored).startsWith("~").doesNotContain("cookie");
        assertThat(stored.length()).isLessThan(large.text().length() / 4);
        assertThat(codec.decodeStored("MessageAdded", THREAD.toString(), AT.toString(), stored))
                .isEqualTo(large);
        assertThat(codec.encodeStored(large))
                .as("the same event, the same stored text")
                .isEqualTo(stored);
    }

    @Test
    void a_payload_at_the_threshold_stays_json_and_one_byte_more_is_compressed() {
        MessageAdded at = messageOfStoredSize(CompressedPayloads.THRESHOLD, "a");
        MessageAdded over = messageOfStoredSize(CompressedPayloads.THRESHOLD + 1, "a");

        String atStored = codec.encodeStored(at);
        String overStored = codec.encodeStored(over);

        assertThat(atStored).startsWith("{").hasSize(CompressedPayloads.THRESHOLD);
        assertThat(overStored).startsWith("~");
        assertThat(codec.decodeStored("MessageAdded", THREAD.toString(), AT.toString(), atStored))
                .isEqualTo(at);
        assertThat(codec.decodeStored("MessageAdded", THREAD.toString(), AT.toString(), overStored))
                .isEqualTo(over);
    }

    @Test
    void the_threshold_counts_utf8_bytes_not_chars() {
        // "é" is two bytes: 512 of them make a payload over the threshold in fewer than 1,024 chars.
        MessageAdded accented = messageOfStoredSize(CompressedPayloads.THRESHOLD + 2 * 9, "é");

        String stored = codec.encodeStored(accented);

        assertThat(accented.text().length()).isLessThan(CompressedPayloads.THRESHOLD);
        assertThat(stored).startsWith("~");
        assertThat(codec.decodeStored("MessageAdded", THREAD.toString(), AT.toString(), stored))
                .isEqualTo(accented);
    }

    @Test
    void a_large_payload_that_deflating_would_not_shorten_stays_json() {
        Random random = new Random(7);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            noise.append((char) ('!' + random.nextInt(94)));
        }
        MessageAdded incompressible =
                message(noise.toString().replace("\\", "/").replace("\"", "'"));

        String stored = codec.encodeStored(incompressible);

        assertThat(stored).startsWith("{");
        assertThat(codec.decodeStored("MessageAdded", THREAD.toString(), AT.toString(), stored))
                .isEqualTo(incompressible);
    }

    @Test
    void a_damaged_compressed_payload_is_reported_as_undecodable() {
        String stored = codec.encodeStored(message("Where does the time go? ".repeat(100)));
        char[] flipped = stored.toCharArray();
        flipped[stored.length() / 2] = flipped[stored.length() / 2] == 'A' ? 'B' : 'A';
        String bitRot = new String(flipped);
        String truncated = stored.substring(0, stored.length() - 20);
        String notBase64 = "~this is * not base64";
        String notDeflated =
                "~" + Base64.getEncoder().encodeToString("{\"text\":\"plain\"}".getBytes(StandardCharsets.UTF_8));
        String empty = "~";
        String trailing = stored + "AAAA";

        for (String damaged : new String[] {bitRot, truncated, notBase64, notDeflated, empty, trailing}) {
            assertThatThrownBy(() -> codec.decodeStored("MessageAdded", THREAD.toString(), AT.toString(), damaged))
                    .as(damaged.length() > 40 ? damaged.substring(0, 40) : damaged)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the MessageAdded payload cannot be decoded: it is compressed and ");
        }
    }

    @Test
    void a_compressed_payload_holding_another_compressed_one_is_refused() {
        String inner = codec.encodeStored(message("nested ".repeat(300)));
        String outer = CompressedPayloads.MARKER
                + Base64.getEncoder().encodeToString(deflated(inner.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> codec.decodeStored("MessageAdded", THREAD.toString(), AT.toString(), outer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it is not a JSON object");
    }

    private static byte[] deflated(byte[] bytes) {
        Deflater deflater = new Deflater();
        deflater.setInput(bytes);
        deflater.finish();
        byte[] out = new byte[bytes.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }
}
