package dev.threadline.application.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.ArchiveThread;
import dev.threadline.application.command.CommandFixture;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.DeleteThread;
import dev.threadline.application.command.ForkThread;
import dev.threadline.application.command.RenameThread;
import dev.threadline.application.port.ArchiveFiles;
import dev.threadline.application.query.Transcript;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadPurged;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Purges, the retention sweep and restores, storage-neutral: run on the in-memory fakes here and
 * on SQLite in bootstrap.
 */
public class LifecycleTest extends CommandFixture {

    @TempDir
    protected Path files;

    private PurgeThread purge() {
        return store.lifecycle().purge();
    }

    /** A thread with two turns, messages, a streamed answer and a checkpoint, then archived. */
    private ThreadId archivedThread(ProjectId project) {
        ThreadId thread = thread(project);
        endedTurn(thread);
        startTurn(thread);
        addMessage(thread, "the flaky test waits on a clock", false);
        MessageId streamed = addMessage(thread, "Because ", true);
        store.execute(new dev.threadline.application.command.AppendDelta(thread, streamed, "of the clock."));
        store.execute(new CompleteTurn(thread));
        store.execute(new ArchiveThread(thread));
        return thread;
    }

    /** A fork of the thread at a completed answer of a new turn of it. */
    private ThreadId forkOf(ThreadId parent) {
        startTurn(parent);
        MessageId message = addMessage(parent, "an answer to fork at", false);
        store.execute(new CompleteTurn(parent));
        return store.execute(new ForkThread(parent, message, "fork")).threadId();
    }

    private List<Event> storeEvents() {
        return store.events().readStream(Event.STORE_STREAM).stream()
                .map(StoredEvent::event)
                .toList();
    }

    @Test
    void purging_a_live_thread_is_refused_naming_the_rule_and_changes_nothing() {
        ThreadId thread = thread();
        long last = lastSequence();

        assertThatThrownBy(() -> purge().purge(thread, PurgeOptions.defaults()))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("thread-purgeable"))
                .hasMessageContaining("thread-purgeable");
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(store.queries().thread(thread)).isNotNull();
    }

    @Test
    void a_purge_archives_the_thread_then_removes_its_events_and_rows_and_records_it_on_the_store_stream() {
        ProjectId project = project();
        ThreadId kept = archivedThread(project);
        ThreadId thread = archivedThread(project);
        List<StoredEvent> stream = store.events().readStream(thread.toString());
        List<StoredEvent> keptStream = store.events().readStream(kept.toString());
        Path archive = files.resolve("archive.jsonl");

        PurgedThread purged = purge().purge(thread, PurgeOptions.archiveTo(archive));

        assertThat(Files.exists(archive)).isTrue();
        assertThat(purged.plan().events()).isEqualTo(stream.size());
        assertThat(purged.plan().bytes()).isEqualTo(Files.exists(archive) ? archiveSize(archive) : -1);
        assertThat(store.events().readStream(thread.toString())).isEmpty();
        assertThat(store.events().readStream(kept.toString())).isEqualTo(keptStream);
        assertThatThrownBy(() -> store.queries().thread(thread)).isInstanceOf(NotFound.class);
        assertThat(store.queries().threads(new ThreadFilter(null, true, true)))
                .extracting(ThreadView::id)
                .containsExactly(kept);
        assertThat(store.queries().search("clock", SearchFilter.none()))
                .allSatisfy(hit -> assertThat(hit.threadId()).isEqualTo(kept));
        assertThat(storeEvents()).singleElement().isInstanceOfSatisfying(ThreadPurged.class, e -> {
            assertThat(e.threadId()).isEqualTo(thread);
            assertThat(e.projectId()).isEqualTo(project);
            assertThat(e.events()).isEqualTo(stream.size());
            assertThat(e.archive()).isEqualTo(archive.toAbsolutePath().toString());
            assertThat(e.archiveSha256()).isEqualTo(purged.archiveSha256()).hasSize(64);
        });
        assertThat(purged.sequence()).isEqualTo(lastSequence());
        assertThat(purged.snapshotProblem()).isNull();
        assertThat(store.projections().verify(done -> {}).clean()).isTrue();
    }

    private static long archiveSize(Path archive) {
        try {
            return Files.size(archive);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_retried_command_id_still_returns_its_first_result_after_the_purge() {
        ThreadId thread = thread();
        CommandResult first = store.execute(new RenameThread(thread, "renamed"), "rename-1");
        store.execute(new DeleteThread(thread));

        purge().purge(thread, PurgeOptions.withoutArchive());

        assertThat(store.execute(new RenameThread(thread, "renamed"), "rename-1"))
                .isEqualTo(first);
        assertThat(store.events().readStream(thread.toString())).isEmpty();
    }

    @Test
    void a_relative_archive_file_is_planned_absolute_from_the_working_directory() {
        ThreadId thread = archivedThread(project());

        PurgePlan plan = purge().plan(thread, PurgeOptions.archiveTo(Path.of("archives/../a.jsonl")));

        assertThat(plan.archive()).isEqualTo(Path.of("").toAbsolutePath().resolve("a.jsonl"));
    }

    @Test
    void a_dry_run_reports_events_bytes_and_the_default_archive_and_changes_nothing() {
        ThreadId thread = archivedThread(project());
        long last = lastSequence();
        int events = store.events().readStream(thread.toString()).size();

        PurgePlan plan = purge().plan(thread, PurgeOptions.defaults());

        assertThat(plan.events()).isEqualTo(events);
        assertThat(plan.bytes()).isPositive();
        assertThat(plan.archive().getFileName().toString()).startsWith(thread.toString());
        assertThat(Files.exists(plan.archive())).isFalse();
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(store.events().readStream(thread.toString())).hasSize(events);
    }

    @Test
    void without_an_archive_the_purge_records_none() {
        ThreadId thread = archivedThread(project());

        PurgedThread purged = purge().purge(thread, PurgeOptions.withoutArchive());

        assertThat(purged.plan().archive()).isNull();
        assertThat(purged.archiveSha256()).isNull();
        assertThat(storeEvents()).singleElement().isInstanceOfSatisfying(ThreadPurged.class, e -> {
            assertThat(e.archive()).isNull();
            assertThat(e.archiveSha256()).isNull();
            assertThat(e.bytes()).isEqualTo(purged.plan().bytes());
        });
    }

    @Test
    void an_archive_file_that_exists_is_never_overwritten_and_nothing_is_removed() throws Exception {
        ThreadId thread = archivedThread(project());
        Path archive = files.resolve("taken.jsonl");
        Files.writeString(archive, "someone else's\n");
        long last = lastSequence();

        assertThatThrownBy(() -> purge().purge(thread, PurgeOptions.archiveTo(archive)))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo(ArchiveFiles.FILE_IS_NEW));

        assertThat(Files.readString(archive)).isEqualTo("someone else's\n");
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(store.queries().thread(thread).archived()).isTrue();
    }

    @Test
    void an_archive_in_a_missing_directory_fails_as_storage_and_nothing_is_removed() {
        ThreadId thread = archivedThread(project());
        long last = lastSequence();

        assertThatThrownBy(() -> purge().purge(thread, PurgeOptions.archiveTo(files.resolve("no/such/dir/a.jsonl"))))
                .isInstanceOf(dev.threadline.domain.error.StorageFailure.class);

        assertThat(lastSequence()).isEqualTo(last);
        assertThat(store.events().readStream(thread.toString())).isNotEmpty();
    }

    @Test
    void a_thread_with_an_unpurged_fork_is_refused_until_the_fork_is_purged() {
        ThreadId parent = thread();
        ThreadId fork = forkOf(parent);
        store.execute(new DeleteThread(parent));

        assertThatThrownBy(() -> purge().purge(parent, PurgeOptions.withoutArchive()))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("thread-has-forks"))
                .hasMessageContaining(fork.toString());

        store.execute(new DeleteThread(fork));
        purge().purge(fork, PurgeOptions.withoutArchive());
        purge().purge(parent, PurgeOptions.withoutArchive());

        assertThat(store.queries().threads(new ThreadFilter(null, true, true))).isEmpty();
        assertThat(store.projections().verify(done -> {}).clean()).isTrue();
    }

    @Test
    void purging_a_thread_that_is_not_there_is_not_found() {
        assertThatThrownBy(() -> purge().purge(ThreadId.next(), PurgeOptions.defaults()))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void projections_rebuild_exactly_after_purges_and_verify_clean() {
        ProjectId project = project();
        ThreadId gone = archivedThread(project);
        ThreadId kept = archivedThread(project);
        purge().purge(gone, PurgeOptions.withoutArchive());
        ThreadView before = store.queries().thread(kept);
        Transcript transcript = store.queries().transcript(kept);

        store.projections().rebuild(done -> {});

        assertThat(store.projections().verify(done -> {}).clean()).isTrue();
        assertThat(store.queries().thread(kept)).isEqualTo(before);
        assertThat(store.queries().transcript(kept)).isEqualTo(transcript);
        assertThatThrownBy(() -> store.queries().thread(gone)).isInstanceOf(NotFound.class);
    }

    @Test
    void importing_the_archive_restores_the_purged_thread_exactly() {
        ThreadId thread = archivedThread(project());
        ThreadView view = store.queries().thread(thread);
        Transcript transcript = store.queries().transcript(thread);
        List<StoredEvent> stream = store.events().readStream(thread.toString());
        Path archive = files.resolve("restore.jsonl");
        purge().purge(thread, PurgeOptions.archiveTo(archive));

        var summary = store.importArchive(archive);

        assertThat(summary.imported()).isEqualTo(stream.size());
        assertThat(store.queries().thread(thread)).isEqualTo(view);
        assertThat(store.queries().transcript(thread)).isEqualTo(transcript);
        assertThat(store.events().readStream(thread.toString()))
                .extracting(StoredEvent::eventId, StoredEvent::streamVersion, StoredEvent::event)
                .containsExactlyElementsOf(stream.stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.eventId(), e.streamVersion(), e.event()))
                        .toList());
        assertThat(store.projections().verify(done -> {}).clean()).isTrue();
        assertThat(store.importArchive(archive).imported()).isZero();
    }

    @Test
    void after_a_restore_the_thread_can_be_purged_again() {
        ThreadId thread = archivedThread(project());
        Path archive = files.resolve("first.jsonl");
        purge().purge(thread, PurgeOptions.archiveTo(archive));
        store.importArchive(archive);

        PurgedThread again = purge().purge(thread, PurgeOptions.archiveTo(files.resolve("second.jsonl")));

        assertThat(again.archiveSha256()).isNotNull();
        assertThat(store.events().readStream(thread.toString())).isEmpty();
        assertThat(storeEvents()).hasSize(2);
    }

    @Test
    void the_sweep_purges_what_the_policy_selects_forks_before_parents_and_keeps_the_rest() {
        ProjectId project = project();
        ThreadId old = archivedThread(project);
        ThreadId live = thread(project);
        ThreadId parent = thread(project);
        ThreadId fork = forkOf(parent);
        store.execute(new DeleteThread(fork));
        store.execute(new DeleteThread(parent));
        RetentionPolicy policy =
                new RetentionPolicy(Instant.now().plusSeconds(60), Instant.now().plusSeconds(60));
        List<Integer> progress = new ArrayList<>();

        SweepResult result = store.lifecycle().sweep().sweep(policy, true, false, progress::add);

        assertThat(result.purged()).extracting(p -> p.plan().threadId()).containsExactlyInAnyOrder(old, fork, parent);
        assertThat(result.purged().stream()
                        .map(p -> p.plan().threadId())
                        .toList()
                        .indexOf(fork))
                .isLessThan(result.purged().stream()
                        .map(p -> p.plan().threadId())
                        .toList()
                        .indexOf(parent));
        assertThat(result.kept()).isEmpty();
        assertThat(progress).containsExactly(1, 2, 3);
        assertThat(store.queries().threads(new ThreadFilter(null, true, true)))
                .extracting(ThreadView::id)
                .containsExactly(live);
        assertThat(storeEvents()).hasSize(3);
        assertThat(store.projections().verify(done -> {}).clean()).isTrue();
    }

    @Test
    void the_sweep_leaves_threads_younger_than_the_cutoff_and_a_dry_run_changes_nothing() {
        ProjectId project = project();
        ThreadId archived = archivedThread(project);
        ThreadId deleted = thread(project);
        store.execute(new DeleteThread(deleted));
        long last = lastSequence();

        SweepResult young = store.lifecycle()
                .sweep()
                .sweep(new RetentionPolicy(Instant.now().minus(Duration.ofDays(1)), null), false, false, n -> {});
        SweepResult dry = store.lifecycle()
                .sweep()
                .sweep(new RetentionPolicy(null, Instant.now().plusSeconds(60)), false, true, n -> {});

        assertThat(young.planned()).isEmpty();
        assertThat(dry.planned()).extracting(PurgePlan::threadId).containsExactly(deleted);
        assertThat(dry.purged()).isEmpty();
        assertThat(dry.events())
                .isEqualTo(store.events().readStream(deleted.toString()).size());
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(store.queries().thread(archived).archived()).isTrue();
        assertThat(Files.exists(dry.planned().get(0).archive())).isFalse();
    }

    @Test
    void the_removals_total_what_purges_removed() {
        ThreadId thread = archivedThread(project());
        int events = store.events().readStream(thread.toString()).size();

        PurgedThread purged = purge().purge(thread, PurgeOptions.withoutArchive());

        Removals removals = store.lifecycle().removals();
        assertThat(removals.purges()).isEqualTo(1);
        assertThat(removals.purgedEvents()).isEqualTo(events);
        assertThat(removals.purgedBytes()).isEqualTo(purged.plan().bytes());
        assertThat(removals.quarantines()).isZero();
    }

    @Test
    void a_message_added_to_a_restored_thread_after_unarchiving_continues_its_stream() {
        ThreadId thread = archivedThread(project());
        Path archive = files.resolve("continue.jsonl");
        purge().purge(thread, PurgeOptions.archiveTo(archive));
        store.importArchive(archive);

        store.execute(new dev.threadline.application.command.UnarchiveThread(thread));
        startTurn(thread);
        store.execute(new AddMessage(thread, Role.ASSISTANT, "after the restore", false));

        assertThat(store.queries().transcript(thread).toString()).contains("after the restore");
        assertThat(store.projections().verify(done -> {}).clean()).isTrue();
    }
}
