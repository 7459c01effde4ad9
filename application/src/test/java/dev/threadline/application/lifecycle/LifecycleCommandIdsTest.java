package dev.threadline.application.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.ArchiveThread;
import dev.threadline.application.command.CommandFixture;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.ForkThread;
import dev.threadline.application.command.RenameThread;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Purges, sweeps, quarantines, rebuilds and compactions under a command id, storage-neutral: run on the in-memory fakes
 * here and on SQLite in bootstrap.
 */
public class LifecycleCommandIdsTest extends CommandFixture {

    @TempDir
    protected Path files;

    private PurgeThread purge() {
        return store.lifecycle().purge();
    }

    private RetentionSweep sweep() {
        return store.lifecycle().sweep();
    }

    private ThreadId archivedThread(ProjectId project) {
        ThreadId thread = thread(project);
        endedTurn(thread);
        store.execute(new ArchiveThread(thread));
        return thread;
    }

    /** Archived threads older than an hour from now: every archived thread. */
    private static RetentionPolicy everyArchived() {
        return RetentionPolicy.of("1h", null, Instant.now().plusSeconds(3_600 + 60));
    }

    private static void assertIdRefused(Runnable operation) {
        assertThatThrownBy(operation::run)
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("command-id-unique"));
    }

    /** A purge as it would be printed; the snapshot problem is told once, not kept. */
    private static PurgedThread printed(PurgedThread purged) {
        return new PurgedThread(purged.plan(), purged.archiveSha256(), purged.sequence(), null);
    }

    private static SweepResult printed(SweepResult result) {
        return new SweepResult(
                result.planned(),
                result.purged().stream().map(LifecycleCommandIdsTest::printed).toList(),
                result.kept());
    }

    @Test
    void a_purge_retried_under_its_command_id_returns_the_first_result_and_writes_nothing() {
        ThreadId thread = archivedThread(project());
        Path archive = files.resolve("once.jsonl");
        PurgedThread first = purge().purge(thread, PurgeOptions.archiveTo(archive), "purge-1");
        long last = lastSequence();

        PurgedThread again = purge().purge(thread, PurgeOptions.archiveTo(archive), "purge-1");

        assertThat(printed(again)).isEqualTo(printed(first));
        assertThat(again.plan().archive()).isEqualTo(archive);
        assertThat(again.sequence()).isEqualTo(last);
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(store.events().readStream(Event.STORE_STREAM))
                .singleElement()
                .extracting(StoredEvent::commandId)
                .isEqualTo("purge-1");
    }

    @Test
    void a_command_id_used_for_another_purge_or_command_is_refused_and_a_blank_one_is_invalid() {
        ProjectId project = project();
        ThreadId purged = archivedThread(project);
        ThreadId other = archivedThread(project);
        ThreadId live = thread(project);
        purge().purge(purged, PurgeOptions.withoutArchive(), "purge-2");
        store.execute(new RenameThread(live, "renamed"), "rename-2");
        long last = lastSequence();

        assertIdRefused(() -> purge().purge(other, PurgeOptions.withoutArchive(), "purge-2"));
        assertIdRefused(() -> purge().purge(purged, PurgeOptions.archiveTo(files.resolve("a.jsonl")), "purge-2"));
        assertIdRefused(() -> purge().purge(other, PurgeOptions.withoutArchive(), "rename-2"));
        assertIdRefused(() -> store.execute(new RenameThread(live, "again"), "purge-2"));
        assertIdRefused(() -> store.lifecycle().quarantine().run("purge-2"));
        assertIdRefused(() -> sweep().sweep(everyArchived(), true, false, n -> {}, "purge-2"));
        assertThatThrownBy(() -> purge().purge(other, PurgeOptions.withoutArchive(), " "))
                .isInstanceOf(InvalidInput.class);
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(store.queries().thread(other).archived()).isTrue();
    }

    @Test
    void a_sweep_retried_under_its_command_id_returns_the_first_result_and_writes_nothing() {
        ProjectId project = project();
        ThreadId first = archivedThread(project);
        ThreadId second = archivedThread(project);
        SweepResult swept = sweep().sweep(everyArchived(), false, false, n -> {}, "sweep-1");
        long last = lastSequence();
        ThreadId later = archivedThread(project);

        SweepResult again = sweep().sweep(everyArchived(), false, false, n -> {}, "sweep-1");

        assertThat(swept.purged()).extracting(p -> p.plan().threadId()).containsExactly(first, second);
        assertThat(printed(again)).isEqualTo(printed(swept));
        assertThat(again.purged().get(1).sequence()).isEqualTo(last);
        assertThat(store.queries().thread(later).archived()).isTrue();
        assertThat(store.events().readStream(Event.STORE_STREAM))
                .extracting(StoredEvent::commandId)
                .containsExactly("sweep-1", "sweep-1");
        assertIdRefused(() -> sweep().sweep(
                        RetentionPolicy.of("2h", null, Instant.now().plusSeconds(7_200 + 60)),
                        false,
                        false,
                        n -> {},
                        "sweep-1"));
    }

    @Test
    void a_sweep_whose_last_thread_is_kept_stores_its_receipt_alone_with_the_reason() {
        ProjectId project = project();
        ThreadId old = archivedThread(project);
        ThreadId parent = thread(project);
        store.execute(new dev.threadline.application.command.StartTurn(parent, null));
        MessageId message = store.execute(new AddMessage(parent, Role.ASSISTANT, "fork here", false))
                .messageId();
        store.execute(new CompleteTurn(parent));
        store.execute(new ForkThread(parent, message, "fork"));
        store.execute(new ArchiveThread(parent));

        SweepResult swept = sweep().sweep(everyArchived(), true, false, n -> {}, "sweep-2");
        long last = lastSequence();
        SweepResult again = sweep().sweep(everyArchived(), true, false, n -> {}, "sweep-2");

        assertThat(swept.purged()).extracting(p -> p.plan().threadId()).containsExactly(old);
        assertThat(swept.kept()).extracting(SweepResult.Kept::threadId).containsExactly(parent);
        assertThat(printed(again)).isEqualTo(printed(swept));
        assertThat(lastSequence()).isEqualTo(last);
    }

    @Test
    void a_sweep_that_selected_nothing_keeps_its_receipt_so_its_retry_purges_nothing_later() {
        ThreadId thread = thread(project());
        SweepResult empty = sweep().sweep(everyArchived(), true, false, n -> {}, "sweep-3");
        store.execute(new ArchiveThread(thread));
        long last = lastSequence();

        SweepResult again = sweep().sweep(everyArchived(), true, false, n -> {}, "sweep-3");

        assertThat(empty.purged()).isEmpty();
        assertThat(again).isEqualTo(empty);
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(store.queries().thread(thread).archived()).isTrue();
    }

    @Test
    void a_dry_run_under_a_command_id_stores_no_receipt() {
        ThreadId thread = archivedThread(project());

        SweepResult dry = sweep().sweep(everyArchived(), true, true, n -> {}, "sweep-4");
        SweepResult swept = sweep().sweep(everyArchived(), true, false, n -> {}, "sweep-4");

        assertThat(dry.planned()).extracting(PurgePlan::threadId).containsExactly(thread);
        assertThat(swept.purged()).extracting(p -> p.plan().threadId()).containsExactly(thread);
    }

    @Test
    void a_quarantine_with_nothing_to_move_keeps_its_receipt_and_its_retry_writes_nothing() {
        ThreadId thread = archivedThread(project());
        long last = lastSequence();

        Quarantined nothing = store.lifecycle().quarantine().run("quarantine-1");
        Quarantined again = store.lifecycle().quarantine().run("quarantine-1");

        assertThat(nothing.rows()).isEmpty();
        assertThat(nothing.file()).isNull();
        assertThat(again).isEqualTo(nothing);
        assertThat(lastSequence()).isEqualTo(last);
        assertIdRefused(() -> purge().purge(thread, PurgeOptions.withoutArchive(), "quarantine-1"));
    }

    @Test
    void a_rebuild_retried_under_its_command_id_returns_the_first_result_and_does_not_run_again() {
        ThreadId thread = thread(project());
        StoreUpkeep.Rebuilt first = store.lifecycle().upkeep().rebuild(n -> {}, "rebuild-1");
        store.execute(new RenameThread(thread, "later"));
        long last = lastSequence();
        List<Long> told = new java.util.ArrayList<>();

        StoreUpkeep.Rebuilt again = store.lifecycle().upkeep().rebuild(told::add, "rebuild-1");

        assertThat(first.lastSequence()).isEqualTo(last - 1);
        assertThat(first.applied()).isEqualTo(last - 1);
        assertThat(again).isEqualTo(first);
        assertThat(told).isEmpty();
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(store.queries().thread(thread).title()).isEqualTo("later");
        assertIdRefused(() -> store.lifecycle().upkeep().compact("rebuild-1"));
        assertIdRefused(() -> store.execute(new RenameThread(thread, "again"), "rebuild-1"));
        assertThatThrownBy(() -> store.lifecycle().upkeep().rebuild(n -> {}, " "))
                .isInstanceOf(InvalidInput.class);
        assertProjectionsClean();
    }

    @Test
    void a_compaction_retried_under_its_command_id_returns_the_first_sizes_and_an_id_of_another_command_is_refused() {
        ThreadId thread = archivedThread(project());
        store.execute(new RenameThread(thread, "renamed"), "rename-3");
        long last = lastSequence();

        var first = store.lifecycle().upkeep().compact("compact-1");
        var again = store.lifecycle().upkeep().compact("compact-1");

        assertThat(again).isEqualTo(first);
        assertThat(lastSequence()).isEqualTo(last);
        assertIdRefused(() -> store.lifecycle().upkeep().compact("rename-3"));
        assertIdRefused(() -> store.lifecycle().upkeep().rebuild(n -> {}, "compact-1"));
        assertIdRefused(() -> purge().purge(thread, PurgeOptions.withoutArchive(), "compact-1"));
        assertThatThrownBy(() -> store.lifecycle().upkeep().compact("")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_retention_policy_keeps_its_ages_as_given() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");

        RetentionPolicy policy = RetentionPolicy.of("30d", "2026-11-01", now);

        assertThat(policy.archivedBefore()).isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
        assertThat(policy.deletedBefore()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(policy.asGiven()).isEqualTo("archived-before=30d deleted-before=2026-11-01");
        assertThat(List.of(new RetentionPolicy(now, null).asGiven()))
                .containsExactly("archived-before=2026-12-01T12:00:00Z deleted-before=null");
    }
}
