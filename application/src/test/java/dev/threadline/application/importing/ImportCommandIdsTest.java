package dev.threadline.application.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.command.CommandFixture;
import dev.threadline.application.command.RenameProject;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.store.EventMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Imports under a command id, storage-neutral: run on the in-memory fakes here and on SQLite and
 * PostgreSQL in bootstrap.
 */
public class ImportCommandIdsTest extends CommandFixture {

    private static List<ImportRecord> project(ProjectId project, int renames) {
        return ExportedProject.renamed(project, renames, version -> EventMetadata.NONE);
    }

    private ImportSummary importing(List<ImportRecord> records, String commandId) {
        return store.importing().run(ImportSource.of(records), done -> {}, commandId);
    }

    private static void assertIdRefused(Runnable operation) {
        assertThatThrownBy(operation::run)
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("command-id-unique"));
    }

    @Test
    void an_import_retried_under_its_command_id_returns_the_first_summary_and_writes_nothing() {
        ProjectId local = project();
        List<ImportRecord> records = project(ProjectId.next(), 2);
        ImportSummary first = importing(records, "import-1");
        long afterImport = lastSequence();
        store.execute(new RenameProject(local, "later"));
        long last = lastSequence();

        ImportSummary again = importing(records, "import-1");

        assertThat(first).isEqualTo(new ImportSummary(3, 0, afterImport));
        assertThat(again).isEqualTo(first);
        assertThat(lastSequence()).isEqualTo(last);
    }

    @Test
    void the_receipt_commits_with_the_last_batch_so_a_rerun_without_the_id_skips_everything() {
        List<ImportRecord> records = project(ProjectId.next(), 4);

        ImportSummary first = store.importing().run(ImportSource.of(records), done -> {}, "import-2");
        ImportSummary plain = importing(records, null);

        assertThat(first.imported()).isEqualTo(5);
        assertThat(plain).isEqualTo(new ImportSummary(0, 5, first.lastSequence()));
    }

    @Test
    void an_import_that_adds_nothing_keeps_its_receipt_alone() {
        List<ImportRecord> records = project(ProjectId.next(), 1);
        importing(records, null);
        long last = lastSequence();

        ImportSummary skipped = importing(records, "import-3");
        ImportSummary empty = importing(List.of(), "import-4");

        assertThat(skipped).isEqualTo(new ImportSummary(0, 2, last));
        assertThat(importing(records, "import-3")).isEqualTo(skipped);
        assertThat(empty).isEqualTo(new ImportSummary(0, 0, last));
        assertThat(importing(List.of(), "import-4")).isEqualTo(empty);
        assertIdRefused(() -> importing(records, "import-4"));
        assertThat(lastSequence()).isEqualTo(last);
    }

    @Test
    void a_command_id_used_for_another_input_or_another_command_is_refused_and_a_blank_one_is_invalid() {
        ProjectId local = project();
        List<ImportRecord> records = project(ProjectId.next(), 1);
        List<ImportRecord> other = project(ProjectId.next(), 1);
        importing(records, "import-5");
        store.execute(new RenameProject(local, "renamed"), "rename-5");
        long last = lastSequence();

        assertIdRefused(() -> importing(other, "import-5"));
        assertIdRefused(() -> importing(records.subList(0, 1), "import-5"));
        assertIdRefused(() -> importing(other, "rename-5"));
        assertIdRefused(() -> store.execute(new RenameProject(local, "again"), "import-5"));
        assertIdRefused(() -> store.lifecycle().quarantine().run("import-5"));
        assertThatThrownBy(() -> importing(other, " ")).isInstanceOf(InvalidInput.class);
        assertThat(lastSequence()).isEqualTo(last);
    }
}
