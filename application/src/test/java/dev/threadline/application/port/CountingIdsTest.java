package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountingIdsTest extends IdSourceContract {

    @Override
    protected IdSource source() {
        return new CountingIds();
    }

    @Test
    void a_counting_source_repeats_its_sequence_from_a_fresh_start() {
        assertThat(new CountingIds().projectId()).isEqualTo(new CountingIds().projectId());
    }
}
