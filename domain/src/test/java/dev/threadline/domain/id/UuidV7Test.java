package dev.threadline.domain.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UuidV7Test {

    @Test
    void parses_the_canonical_form_of_any_version_in_either_case() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = i % 2 == 0 ? UuidV7.next() : UUID.randomUUID();
            assertThat(UuidV7.parse(id.toString())).isEqualTo(id);
            assertThat(UuidV7.parse(id.toString().toUpperCase(Locale.ROOT))).isEqualTo(id);
        }
        assertThat(UuidV7.parse("ffffffff-ffff-ffff-ffff-ffffffffffff")).isEqualTo(new UUID(-1, -1));
        assertThat(UuidV7.parse("00000000-0000-0000-0000-000000000000")).isEqualTo(new UUID(0, 0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1-1-1-1-1",
                "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5",
                "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b6",
                "0190a1b2c3d4-7e5f-8a9b-0c1d2e3f4a5b6",
                "0190a1b2-c3d4-7e5f-8a9b+0c1d2e3f4a5b",
                "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g",
                "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5\uff11",
                "+190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            })
    void refuses_anything_else(String text) {
        assertThatThrownBy(() -> UuidV7.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a UUID: '" + text + "'");
    }

    @Test
    void refuses_null() {
        assertThatThrownBy(() -> UuidV7.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
