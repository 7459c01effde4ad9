package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every behaviour of {@link IdSource}. */
public abstract class IdSourceContract {

    /** A fresh source. */
    protected abstract IdSource source();

    @Test
    void no_two_ids_are_equal_across_kinds() {
        IdSource ids = source();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(ids.eventId().value())).isTrue();
            assertThat(seen.add(ids.projectId().value())).isTrue();
            assertThat(seen.add(ids.threadId().value())).isTrue();
            assertThat(seen.add(ids.turnId().value())).isTrue();
            assertThat(seen.add(ids.messageId().value())).isTrue();
            assertThat(seen.add(ids.checkpointId().value())).isTrue();
        }
    }

    @Test
    void ids_drawn_from_many_threads_at_once_are_distinct() {
        IdSource ids = source();
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 4_000).parallel().forEach(i -> seen.add(ids.next()));
        assertThat(seen).hasSize(4_000);
    }
}
