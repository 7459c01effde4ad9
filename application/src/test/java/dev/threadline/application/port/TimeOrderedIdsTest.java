package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest extends IdSourceContract {

    @Override
    protected IdSource source() {
        return IdSource.timeOrdered();
    }

    @Test
    void time_ordered_ids_are_version_7_and_increase() {
        IdSource ids = source();
        UUID first = ids.next();
        UUID second = ids.next();
        assertThat(first.version()).isEqualTo(7);
        assertThat(second.compareTo(first)).isPositive();
    }
}
