package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.projection.ProjectionDifference;
import dev.threadline.application.projection.ReadModelComparer;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verification on an implementation: its {@link ReadModelRows} and {@link ScratchSpace}, compared
 * by {@link ReadModelComparer}, find exactly the rows that differ.
 */
public abstract class ReadModelComparerContract extends StorageContract {

    private final ProjectId project = ProjectId.next();
    private final ThreadId same = ThreadId.next();
    private final ThreadId changed = ThreadId.next();
    private final ThreadId extra = ThreadId.next();

    private List<ProjectionDifference> compare(String liveTitle, boolean liveExtra) {
        try (ScratchSpace.ScratchStore scratch = storage.scratch().open()) {
            ProjectionStorage expected = scratch.storage();
            expected.transactions().inTransaction(() -> {
                expected.writer().putThread(thread(same, project, "same", AT));
                expected.writer().putThread(thread(changed, project, "expected", AT));
                return null;
            });
            inTransaction(() -> {
                writer().putThread(thread(same, project, "same", AT));
                writer().putThread(thread(changed, project, liveTitle, AT));
                if (liveExtra) {
                    writer().putThread(thread(extra, project, "extra", AT));
                }
            });
            return inTransaction(() -> ReadModelComparer.differences(
                    expected.rows(), storage.projections().rows()));
        }
    }

    @Test
    void equal_read_models_have_no_difference() {
        assertThat(compare("expected", false)).isEmpty();
    }

    @Test
    void a_changed_value_and_an_extra_row_are_each_reported_with_table_and_key() {
        List<ProjectionDifference> differences = compare("tampered", true);

        assertThat(differences).anySatisfy(d -> {
            assertThat(d.key()).isEqualTo(changed.toString());
            assertThat(d.column()).isNotEqualTo("*");
            assertThat(d.actual()).contains("tampered");
        });
        assertThat(differences).anySatisfy(d -> {
            assertThat(d.key()).isEqualTo(extra.toString());
            assertThat(d.column()).isEqualTo("*");
            assertThat(d.expected()).isNull();
        });
        assertThat(differences).noneSatisfy(d -> assertThat(d.key()).isEqualTo(same.toString()));
        assertThat(differences)
                .extracting(ProjectionDifference::table)
                .allSatisfy(table -> assertThat(table).isNotBlank());
    }

    @Test
    void a_checkpoint_differing_only_in_its_snapshot_commit_or_skipped_paths_is_reported() {
        CheckpointId commitChanged = CheckpointId.next();
        CheckpointId skippedChanged = CheckpointId.next();
        TurnId turn = TurnId.next();
        String commit = "0123456789abcdef0123456789abcdef01234567";
        List<CheckpointCreated.Skipped> skipped = List.of(new CheckpointCreated.Skipped("big.bin", "too-large"));
        List<ProjectionDifference> differences;
        try (ScratchSpace.ScratchStore scratch = storage.scratch().open()) {
            ProjectionStorage expected = scratch.storage();
            expected.transactions().inTransaction(() -> {
                expected.writer()
                        .putCheckpoint(new CheckpointView(
                                commitChanged, same, turn, "refs/a", "a", AT, null, commit, skipped));
                expected.writer()
                        .putCheckpoint(new CheckpointView(
                                skippedChanged, same, turn, "refs/b", "b", AT, null, commit, skipped));
                return null;
            });
            inTransaction(() -> {
                writer().putCheckpoint(new CheckpointView(
                        commitChanged, same, turn, "refs/a", "a", AT, null, commit.replace('0', 'f'), skipped));
                writer().putCheckpoint(new CheckpointView(
                        skippedChanged, same, turn, "refs/b", "b", AT, null, commit, List.of()));
            });
            differences = inTransaction(() -> ReadModelComparer.differences(
                    expected.rows(), storage.projections().rows()));
        }

        assertThat(differences)
                .extracting(ProjectionDifference::key)
                .contains(commitChanged.toString(), skippedChanged.toString());
    }
}
