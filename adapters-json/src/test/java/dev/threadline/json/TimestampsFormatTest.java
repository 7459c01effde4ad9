package dev.threadline.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Timestamps are stored as {@link Instant#toString()} writes them, whoever formats them. */
class TimestampsFormatTest {

    @Test
    void the_text_is_instant_to_string_for_every_precision_and_every_year() {
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.parse("2026-12-01T06:00:00Z"),
                Instant.parse("2026-12-01T06:00:00.100Z"),
                Instant.parse("2026-12-01T06:00:00.000001Z"),
                Instant.parse("2026-12-01T06:00:00.000000001Z"),
                Instant.parse("2026-12-01T06:00:00.120300Z"),
                Instant.parse("2026-12-01T06:00:00.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.5Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.25Z"),
                Instant.parse("-0001-06-01T12:00:00Z"),
                Instant.MIN,
                Instant.MAX));
        Random random = new Random(20261201);
        for (int i = 0; i < 10_000; i++) {
            long second = random.nextLong(253_402_300_800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nanos));
            // Instants within one second, as the commands of a transaction are.
            instants.add(Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertThat(Timestamps.format(instant)).isEqualTo(instant.toString());
            assertThat(Timestamps.parseOnce(Timestamps.format(instant))).isEqualTo(instant);
        }
    }
}
