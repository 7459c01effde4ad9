package dev.threadline.domain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.error.DuplicateEventId;
import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.event.ProjectRenamed;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.ProjectId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppendRetryTest {

    private static final Instant AT = Instant.parse("2026-11-23T21:00:00Z");
    private final ProjectId project = ProjectId.next();
    private final NewEvent created = NewEvent.of(new ProjectCreated(project, "p", "/p", AT));
    private final NewEvent renamed = NewEvent.of(new ProjectRenamed(project, "q", AT));

    private StoredEvent stored(NewEvent event, long sequence, long version) {
        return new StoredEvent(
                sequence, event.eventId(), project.toString(), version, AT, AT, null, null, null, event.event());
    }

    @Test
    void a_batch_none_of_whose_ids_is_stored_is_new() {
        assertThat(AppendRetry.judge(AppendBatch.of(created, renamed), Map.of()))
                .isInstanceOf(AppendRetry.New.class);
    }

    @Test
    void a_batch_stored_whole_with_its_content_at_contiguous_sequences_is_a_retry_in_batch_order() {
        StoredEvent first = stored(created, 7, 0);
        StoredEvent second = stored(renamed, 8, 1);

        AppendRetry.Outcome outcome = AppendRetry.judge(
                AppendBatch.of(created, renamed).expecting(project.toString(), ExpectedVersion.NO_STREAM),
                Map.of(renamed.eventId(), Optional.of(second), created.eventId(), Optional.of(first)));

        assertThat(outcome).isEqualTo(new AppendRetry.Retry(List.of(first, second)));
    }

    @Test
    void a_batch_stored_only_in_part_is_a_duplicate() {
        assertThatThrownBy(() -> AppendRetry.judge(
                        AppendBatch.of(created, renamed),
                        Map.of(created.eventId(), Optional.of(stored(created, 1, 0)))))
                .isInstanceOf(DuplicateEventId.class)
                .hasMessageContaining("only part");
    }

    @Test
    void an_id_stored_with_other_content_or_unreadable_is_a_duplicate() {
        NewEvent impostor = new NewEvent(created.eventId(), renamed.event(), EventMetadata.NONE);
        assertThatThrownBy(() -> AppendRetry.judge(
                        AppendBatch.of(impostor), Map.of(created.eventId(), Optional.of(stored(created, 1, 0)))))
                .isInstanceOf(DuplicateEventId.class)
                .hasMessageContaining("other content");
        assertThatThrownBy(
                        () -> AppendRetry.judge(AppendBatch.of(created), Map.of(created.eventId(), Optional.empty())))
                .isInstanceOf(DuplicateEventId.class);
    }

    @Test
    void a_batch_whose_events_are_stored_apart_is_a_duplicate() {
        assertThatThrownBy(() -> AppendRetry.judge(
                        AppendBatch.of(created, renamed),
                        Map.of(
                                created.eventId(), Optional.of(stored(created, 1, 0)),
                                renamed.eventId(), Optional.of(stored(renamed, 3, 1)))))
                .isInstanceOf(DuplicateEventId.class);
    }

    @Test
    void an_id_twice_in_the_batch_is_refused() {
        EventId id = created.eventId();
        NewEvent twice = new NewEvent(id, renamed.event(), EventMetadata.NONE);
        assertThatThrownBy(() -> AppendRetry.judge(AppendBatch.of(created, twice), Map.of()))
                .isInstanceOf(DuplicateEventId.class)
                .hasMessageContaining("twice");
    }
}
