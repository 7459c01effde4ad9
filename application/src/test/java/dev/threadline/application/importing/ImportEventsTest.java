package dev.threadline.application.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.port.InMemoryStorage;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.EventsQuarantined;
import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.event.ProjectRenamed;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.EventId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventMetadata;
import dev.threadline.domain.store.NewEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Import's rules on the in-memory event store: versions, idempotence, atomic batches, progress. */
class ImportEventsTest {

    private static final Instant AT = Instant.parse("2026-11-23T21:00:00.123456Z");

    private final InMemoryStorage store = new InMemoryStorage(Clock.systemUTC());

    private static List<ImportRecord> project(ProjectId project, int renames) {
        return ExportedProject.renamed(project, renames, version -> EventMetadata.ofCommand("c-" + version));
    }

    /** Records numbered as lines 1, 2, 3 … in their order. */
    private static List<ImportRecord> numbered(List<ImportRecord> records) {
        List<ImportRecord> lines = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ImportRecord record = records.get(i);
            lines.add(new ImportRecord(i + 1, record.streamVersion(), record.event()));
        }
        return lines;
    }

    private List<StoredEvent> log() {
        try (Stream<StoredEvent> events = store.replayAll()) {
            return events.toList();
        }
    }

    private static ImportSummary importing(ImportEvents use, List<ImportRecord> records) {
        return use.run(ImportSource.of(records), reached -> {});
    }

    @Test
    void an_import_keeps_ids_streams_versions_and_metadata_and_appends_after_the_last_sequence() {
        store.append(AppendBatch.of(NewEvent.of(new ProjectCreated(ProjectId.next(), "other", "/src/other", AT))));
        List<ImportRecord> records = project(ProjectId.next(), 2);

        ImportSummary summary = importing(new ImportEvents(store, store, store), records);

        assertThat(summary).isEqualTo(new ImportSummary(3, 0, 4));
        List<StoredEvent> imported = log().subList(1, 4);
        assertThat(imported).extracting(StoredEvent::sequence).containsExactly(2L, 3L, 4L);
        assertThat(imported)
                .extracting(StoredEvent::eventId)
                .containsExactlyElementsOf(
                        records.stream().map(r -> r.event().eventId()).toList());
        assertThat(imported).extracting(StoredEvent::streamVersion).containsExactly(0L, 1L, 2L);
        assertThat(imported)
                .extracting(StoredEvent::event)
                .containsExactlyElementsOf(
                        records.stream().map(r -> r.event().event()).toList());
        assertThat(imported).extracting(StoredEvent::commandId).containsExactly("c-0", "c-1", "c-2");
    }

    @Test
    void importing_the_same_records_again_skips_every_one_and_writes_nothing() {
        List<ImportRecord> records = project(ProjectId.next(), 3);
        importing(new ImportEvents(store, store, store), records);

        ImportSummary again = importing(new ImportEvents(store, store, store), records);

        assertThat(again).isEqualTo(new ImportSummary(0, 4, 4));
        assertThat(store.lastSequence()).isEqualTo(4);
    }

    @Test
    void rerunning_an_import_that_stopped_after_a_batch_completes_it_with_nothing_duplicated() {
        List<ImportRecord> records =
                numbered(Stream.concat(project(ProjectId.next(), 4).stream(), project(ProjectId.next(), 4).stream())
                        .toList());
        ImportSource whole = ImportSource.of(records);
        // The first pass reads everything; the second, which stores, dies after its first batch.
        ImportSource crashing = new ImportSource() {
            int passes;

            @Override
            public Pass open() {
                Pass pass = whole.open();
                boolean storing = ++passes == 2;
                return new Pass() {
                    int read;

                    @Override
                    public boolean hasNext() {
                        if (storing && read == 4) {
                            throw new IllegalStateException("the process died");
                        }
                        return pass.hasNext();
                    }

                    @Override
                    public ImportRecord next() {
                        read++;
                        return pass.next();
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public String sha256() {
                return whole.sha256();
            }
        };
        assertThatThrownBy(() -> new ImportEvents(store, store, store, 3).run(crashing, reached -> {}))
                .hasMessage("the process died");
        assertThat(store.lastSequence()).isEqualTo(3);

        ImportSummary rerun = importing(new ImportEvents(store, store, store, 3), records);

        assertThat(rerun).isEqualTo(new ImportSummary(7, 3, 10));
        assertThat(log())
                .extracting(StoredEvent::eventId)
                .containsExactlyElementsOf(
                        records.stream().map(r -> r.event().eventId()).toList());
    }

    @Test
    void a_record_at_a_stored_version_with_other_content_is_refused_naming_its_line_and_the_stored_event() {
        ProjectId project = ProjectId.next();
        List<ImportRecord> records = project(project, 1);
        importing(new ImportEvents(store, store, store), records);
        StoredEvent stored = log().get(1);
        ImportRecord changed = new ImportRecord(
                7,
                1,
                new NewEvent(
                        records.get(1).event().eventId(),
                        new ProjectRenamed(project, "changed", AT),
                        EventMetadata.NONE));

        assertThatThrownBy(() -> importing(new ImportEvents(store, store, store), List.of(records.get(0), changed)))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class,
                        violation -> assertThat(violation.rule()).isEqualTo(ImportEvents.MATCHES_STORED_EVENT))
                .hasMessage("line 7 conflicts with the stored event " + stored.eventId() + " at version 1: stream "
                        + project + " exists in this store with other events, and an import never writes over them");
        assertThat(store.lastSequence()).isEqualTo(2);
    }

    @Test
    void a_version_that_leaves_a_gap_is_malformed_and_its_batch_stores_nothing() {
        ProjectId project = ProjectId.next();
        List<ImportRecord> records = project(project, 2);

        assertThatThrownBy(
                        () -> importing(new ImportEvents(store, store, store), List.of(records.get(0), records.get(2))))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("line 3 is malformed: stream " + project + " is at version 0, so the next is 1, not 2,"
                        + " and no quarantine the input records accounts for the gap");
        assertThat(store.lastSequence()).isZero();
    }

    @Test
    void a_stream_that_does_not_start_at_version_0_is_malformed() {
        ImportRecord second = project(ProjectId.next(), 1).get(1);

        assertThatThrownBy(() -> importing(new ImportEvents(store, store, store), List.of(second)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("has no events here, so its first is version 0, not 1,")
                .message()
                .doesNotContain("version -1");
    }

    @Test
    void a_version_given_twice_in_one_import_is_malformed() {
        ImportRecord first = project(ProjectId.next(), 0).get(0);
        ImportRecord repeated = new ImportRecord(2, 0, first.event());

        assertThatThrownBy(() -> importing(new ImportEvents(store, store, store), List.of(first, repeated)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("line 2 repeats version 0 of stream " + first.streamId() + ", given on line 1");
    }

    @Test
    void lines_whose_sequences_go_backwards_are_refused_naming_both_lines_and_nothing_is_imported() {
        List<ImportRecord> records = new ArrayList<>();
        for (ImportRecord record : project(ProjectId.next(), 3)) {
            records.add(new ImportRecord(record.line(), 10 + record.line(), record.streamVersion(), record.event()));
        }
        ImportRecord fourth = records.get(3);
        records.set(3, new ImportRecord(fourth.line(), 5, fourth.streamVersion(), fourth.event()));

        assertThatThrownBy(() -> importing(new ImportEvents(store, store, store, 2), records))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("line 4 has sequence 5, not after line 3's 13");
        assertThat(store.lastSequence()).isZero();
    }

    @Test
    void a_stream_version_that_goes_backwards_is_refused_naming_both_lines_and_nothing_is_imported() {
        List<ImportRecord> history = project(ProjectId.next(), 2);
        List<ImportRecord> other = project(ProjectId.next(), 0);
        List<ImportRecord> records = numbered(List.of(history.get(0), history.get(2), other.get(0), history.get(1)));

        assertThatThrownBy(() -> importing(new ImportEvents(store, store, store, 1), records))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("line 4 has version 1 of stream " + history.get(0).streamId() + ", not after line 2's 2");
        assertThat(store.lastSequence()).isZero();
    }

    @Test
    void a_malformed_record_in_a_later_batch_leaves_the_earlier_batches_stored() {
        List<ImportRecord> records = new ArrayList<>(project(ProjectId.next(), 4));
        ImportRecord last = records.get(4);
        records.set(4, new ImportRecord(last.line(), 7, last.event()));

        assertThatThrownBy(() -> importing(new ImportEvents(store, store, store, 2), records))
                .isInstanceOf(InvalidInput.class);

        assertThat(store.lastSequence()).isEqualTo(4);
    }

    @Test
    void progress_is_told_the_records_handled_after_each_batch() {
        List<Long> told = new ArrayList<>();

        new ImportEvents(store, store, store, 2).run(ImportSource.of(project(ProjectId.next(), 4)), told::add);

        assertThat(told).containsExactly(2L, 4L, 5L);
    }

    @Test
    void an_empty_import_writes_nothing_and_tells_no_progress() {
        List<Long> told = new ArrayList<>();

        ImportSummary summary = new ImportEvents(store, store, store).run(ImportSource.of(List.of()), told::add);

        assertThat(summary).isEqualTo(new ImportSummary(0, 0, 0));
        assertThat(told).isEmpty();
        assertThat(store.lastSequence()).isZero();
    }

    @Test
    void a_stream_may_skip_as_many_versions_as_the_inputs_quarantines_removed_and_keeps_them() {
        ProjectId project = ProjectId.next();
        List<ImportRecord> history = project(project, 4);
        ImportRecord quarantine = new ImportRecord(
                6,
                0,
                new NewEvent(
                        EventId.next(),
                        new EventsQuarantined(List.of(3L), "/q/file.jsonl", "ab", AT.plusSeconds(9)),
                        EventMetadata.NONE));
        List<ImportRecord> gapped =
                numbered(List.of(history.get(0), history.get(1), history.get(3), history.get(4), quarantine));
        List<ImportRecord> twoGaps = numbered(List.of(history.get(0), history.get(2), history.get(4), quarantine));

        ImportSummary summary = importing(new ImportEvents(store, store, store, 3), gapped);
        ImportSummary again = importing(new ImportEvents(store, store, store, 3), gapped);

        assertThat(summary.imported()).isEqualTo(5);
        assertThat(again.imported()).isZero();
        assertThat(store.readStream(project.toString()))
                .extracting(StoredEvent::streamVersion)
                .containsExactly(0L, 1L, 3L, 4L);
        InMemoryStorage other = new InMemoryStorage(Clock.systemUTC());
        assertThatThrownBy(() -> importing(new ImportEvents(other, other, other), twoGaps))
                .isInstanceOf(InvalidInput.class)
                .hasMessageEndingWith(
                        "so the next is 3, not 4, and no quarantine the input records accounts for the gap");
    }
}
