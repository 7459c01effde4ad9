package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every behaviour of {@link ReadModels} and {@link ProjectionWriter} together. */
public abstract class ReadModelsContract extends StorageContract {

    private final ProjectId project = ProjectId.next();
    private final ThreadId thread = ThreadId.next();
    private final TurnId turn = TurnId.next();

    @Test
    void a_written_row_of_each_kind_reads_back_equal() {
        MessageId messageId = MessageId.next();
        CheckpointId checkpointId = CheckpointId.next();
        var p = project(project, "/src/a", AT);
        var t = thread(thread, project, "title", AT);
        var u = turn(turn, thread, 1);
        var m = message(messageId, thread, turn, 1, false);
        var c = new CheckpointView(checkpointId, thread, turn, "refs/x", "msg", AT, null, null, List.of());
        var s = new SettingView("ui.theme", "dark", AT);
        inTransaction(() -> {
            writer().putProject(p);
            writer().putThread(t);
            writer().putTurn(u);
            writer().putMessage(m);
            writer().putCheckpoint(c);
            writer().putSetting(s);
        });

        assertThat(reads().project(project)).contains(p);
        assertThat(reads().thread(thread)).contains(t);
        assertThat(reads().turn(turn)).contains(u);
        assertThat(reads().message(messageId)).contains(m);
        assertThat(reads().messageState(messageId)).contains(m.state());
        assertThat(reads().checkpoint(checkpointId)).contains(c);
        assertThat(reads().setting("ui.theme")).contains(s);
        assertThat(reads().settings()).containsExactly(s);
    }

    @Test
    void missing_rows_read_as_empty() {
        assertThat(reads().project(project)).isEmpty();
        assertThat(reads().thread(thread)).isEmpty();
        assertThat(reads().turn(turn)).isEmpty();
        assertThat(reads().message(MessageId.next())).isEmpty();
        assertThat(reads().messageState(MessageId.next())).isEmpty();
        assertThat(reads().setting("none")).isEmpty();
        assertThat(reads().projects(true)).isEmpty();
    }

    @Test
    void listings_are_in_creation_order_whatever_the_writing_order() {
        ProjectId later = ProjectId.next();
        inTransaction(() -> {
            writer().putProject(project(later, "/b", AT.plusMillis(500)));
            writer().putProject(project(project, "/a", AT.plusNanos(500_001_000)));
        });
        // .623Z comes before .623001Z in time, though not in text
        assertThat(reads().projects(false)).extracting(v -> v.id()).containsExactly(later, project);
    }

    @Test
    void thread_listings_follow_the_filter_and_live_threads_leave_out_deleted_ones() {
        ThreadId archived = ThreadId.next();
        ThreadId deleted = ThreadId.next();
        inTransaction(() -> {
            writer().putThread(thread(thread, project, "live", AT));
            writer().putThread(thread(archived, project, "archived", AT.plusSeconds(1))
                    .withFlags(true, false));
            writer().putThread(thread(deleted, project, "deleted", AT.plusSeconds(2))
                    .withFlags(false, true));
            writer().putThread(thread(ThreadId.next(), ProjectId.next(), "other", AT));
        });

        assertThat(reads().threads(ThreadFilter.of(project)))
                .extracting(ThreadView::id)
                .containsExactly(thread);
        assertThat(reads().threads(new ThreadFilter(project, true, true)))
                .extracting(ThreadView::id)
                .containsExactly(thread, archived, deleted);
        assertThat(reads().liveThreadsOf(project)).containsExactly(thread, archived);
    }

    @Test
    void a_live_path_is_taken_until_its_project_is_deleted() {
        var p = project(project, "/src/a", AT);
        inTransaction(() -> writer().putProject(p));
        assertThat(reads().livePathTaken("/src/a")).isTrue();
        assertThat(reads().livePathTaken("/src/b")).isFalse();

        inTransaction(() -> writer().putProject(p.changed("p", true, AT, 1)));

        assertThat(reads().livePathTaken("/src/a")).isFalse();
    }

    @Test
    void appended_text_reads_as_one_text_and_a_put_message_replaces_it() {
        MessageId id = MessageId.next();
        inTransaction(() -> {
            writer().putMessage(message(id, thread, turn, 1, true));
            writer().appendMessageText(id, " one", AT.plusSeconds(1));
            writer().appendMessageText(id, " two", AT.plusSeconds(2));
        });
        MessageView streamed = reads().message(id).orElseThrow();
        assertThat(streamed.text()).isEqualTo("text one two");
        assertThat(streamed.updatedAt()).isEqualTo(AT.plusSeconds(2));
        assertThat(reads().streamingMessagesOf(turn)).containsExactly(id);

        inTransaction(() -> writer().putMessage(new MessageView(
                id, thread, turn, 1, streamed.role(), streamed.text(), false, AT, AT.plusSeconds(3))));

        assertThat(reads().message(id).orElseThrow().text()).isEqualTo("text one two");
        assertThat(reads().messagesOf(thread)).hasSize(1);
        assertThat(reads().streamingMessagesOf(turn)).isEmpty();
    }

    @Test
    void reverting_turns_marks_only_the_later_turns_of_that_thread() {
        TurnId second = TurnId.next();
        TurnId third = TurnId.next();
        inTransaction(() -> {
            writer().putTurn(turn(turn, thread, 1));
            writer().putTurn(turn(second, thread, 2));
            writer().putTurn(turn(third, thread, 3));
            writer().revertTurnsAfter(thread, 1, AT);
        });

        assertThat(reads().turnsOf(thread))
                .extracting(TurnView::status)
                .containsExactly(TurnStatus.COMPLETED, TurnStatus.REVERTED, TurnStatus.REVERTED);
    }

    @Test
    void a_removed_setting_is_gone_and_clear_empties_every_table() {
        inTransaction(() -> {
            writer().putSetting(new SettingView("a.b", "1", AT));
            writer().putSetting(new SettingView("c.d", "2", AT));
            writer().removeSetting("a.b");
        });
        assertThat(reads().settings()).extracting(SettingView::key).containsExactly("c.d");

        inTransaction(() -> {
            writer().putThread(thread(thread, project, "t", AT));
            writer().clear();
        });

        assertThat(reads().settings()).isEmpty();
        assertThat(reads().thread(thread)).isEmpty();
    }

    @Test
    void inside_a_transaction_reads_see_its_writes_and_a_rollback_forgets_them() {
        inTransaction(() -> writer().putThread(thread(thread, project, "committed", AT)));

        assertThatThrownBy(() -> inTransaction(() -> {
                    writer().putThread(thread(thread, project, "changed", AT));
                    writer().putThread(thread(ThreadId.next(), project, "new", AT));
                    assertThat(reads().thread(thread).orElseThrow().title()).isEqualTo("changed");
                    assertThat(reads().threads(ThreadFilter.of(project))).hasSize(2);
                    throw new IllegalStateException("roll back");
                }))
                .hasMessage("roll back");

        assertThat(reads().thread(thread).orElseThrow().title()).isEqualTo("committed");
        assertThat(reads().threads(ThreadFilter.of(project))).hasSize(1);
    }

    @Test
    void threads_read_ahead_read_as_they_would_have_and_later_writes_and_rollbacks_still_show() {
        ThreadId missing = ThreadId.next();
        ThreadId createdLater = ThreadId.next();
        inTransaction(() -> writer().putThread(thread(thread, project, "stored", AT)));

        inTransaction(() -> {
            reads().readThreadsAhead(List.of(thread, missing, createdLater));
            assertThat(reads().thread(thread).orElseThrow().title()).isEqualTo("stored");
            assertThat(reads().thread(missing)).isEmpty();
            writer().putThread(thread(createdLater, project, "later", AT));
            writer().putThread(thread(thread, project, "changed", AT));
            assertThat(reads().thread(createdLater).orElseThrow().title()).isEqualTo("later");
            assertThat(reads().thread(thread).orElseThrow().title()).isEqualTo("changed");
            assertThatThrownBy(() -> storage.transactions().inSavepoint(() -> {
                        writer().putThread(thread(missing, project, "undone", AT));
                        assertThat(reads().thread(missing)).isPresent();
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            assertThat(reads().thread(missing)).isEmpty();
            assertThat(reads().thread(thread).orElseThrow().title()).isEqualTo("changed");
        });

        assertThat(reads().thread(createdLater).orElseThrow().title()).isEqualTo("later");
        assertThat(reads().thread(missing)).isEmpty();
        reads().readThreadsAhead(List.of(thread)); // outside a transaction: nothing to do
        assertThat(reads().thread(thread).orElseThrow().title()).isEqualTo("changed");
    }

    @Test
    void checkpoints_list_in_creation_order() {
        CheckpointId first = CheckpointId.next();
        CheckpointId second = CheckpointId.next();
        Instant later = AT.plusSeconds(5);
        inTransaction(() -> {
            writer().putCheckpoint(new CheckpointView(second, thread, turn, "refs/b", "b", later, null, null, null));
            writer().putCheckpoint(new CheckpointView(first, thread, turn, "refs/a", "a", AT, null, null, null));
        });

        assertThat(reads().checkpointsOf(thread)).extracting(CheckpointView::id).containsExactly(first, second);
    }

    @Test
    void a_snapshot_checkpoint_keeps_its_commit_and_skipped_paths_through_a_restore() {
        CheckpointId id = CheckpointId.next();
        String commit = "0123456789abcdef0123456789abcdef01234567";
        List<CheckpointCreated.Skipped> skipped = List.of(
                new CheckpointCreated.Skipped("big.bin", "too-large"),
                new CheckpointCreated.Skipped("dir/\"quoted\" name", "nested-repository"));
        var c = new CheckpointView(id, thread, turn, "refs/threadline/x", "snap", AT, null, commit, skipped);
        inTransaction(() -> writer().putCheckpoint(c));

        assertThat(reads().checkpoint(id)).contains(c);

        inTransaction(() -> writer().putCheckpoint(c.restored(AT.plusSeconds(1))));

        CheckpointView restored = reads().checkpoint(id).orElseThrow();
        assertThat(restored.restoredAt()).isEqualTo(AT.plusSeconds(1));
        assertThat(restored.commit()).isEqualTo(commit);
        assertThat(restored.skipped()).isEqualTo(skipped);
    }
}
