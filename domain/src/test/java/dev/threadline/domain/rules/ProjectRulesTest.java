package dev.threadline.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.event.ProjectDeleted;
import dev.threadline.domain.event.ProjectRenamed;
import dev.threadline.domain.event.ThreadDeleted;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ProjectRulesTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");
    private final ProjectId id = ProjectId.next();
    private final ProjectState live = new ProjectState(id, false, 0);
    private final ProjectState deleted = new ProjectState(id, true, 1);

    private static void refused(ThrowingCallable call, String rule) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }

    @Test
    void creating_a_project_emits_project_created_with_the_normalized_path() {
        assertThat(ProjectRules.create(id, "demo", "/src/./demo/", path -> false, AT))
                .isEqualTo(new ProjectCreated(id, "demo", "/src/demo", AT));
    }

    @Test
    void creating_a_project_with_a_blank_name_is_refused() {
        refused(() -> ProjectRules.create(id, " ", "/src/demo", path -> false, AT), "project-name-required");
    }

    @Test
    void creating_a_project_with_a_relative_path_is_refused() {
        refused(() -> ProjectRules.create(id, "demo", "src/demo", path -> false, AT), "project-path-absolute");
    }

    @Test
    void creating_a_project_on_a_path_a_live_project_has_is_refused() {
        refused(
                () -> ProjectRules.create(id, "demo", "/src/x/../demo", path -> path.equals("/src/demo"), AT),
                "project-path-unique");
    }

    @Test
    void renaming_a_live_project_emits_project_renamed() {
        assertThat(ProjectRules.rename(live, "new", AT)).isEqualTo(new ProjectRenamed(id, "new", AT));
    }

    @Test
    void renaming_to_a_blank_name_is_refused() {
        refused(() -> ProjectRules.rename(live, "", AT), "project-name-required");
    }

    @Test
    void renaming_a_deleted_project_is_refused() {
        refused(() -> ProjectRules.rename(deleted, "new", AT), "project-live");
    }

    @Test
    void deleting_a_project_without_live_threads_emits_only_project_deleted() {
        assertThat(ProjectRules.delete(live, List.of(), false, AT)).containsExactly(new ProjectDeleted(id, AT));
    }

    @Test
    void deleting_a_project_with_live_threads_without_force_is_refused() {
        refused(() -> ProjectRules.delete(live, List.of(ThreadId.next()), false, AT), "project-delete-needs-force");
    }

    @Test
    void a_forced_delete_deletes_each_live_thread_then_the_project() {
        ThreadId first = ThreadId.next();
        ThreadId second = ThreadId.next();

        assertThat(ProjectRules.delete(live, List.of(first, second), true, AT))
                .containsExactly(
                        new ThreadDeleted(first, AT), new ThreadDeleted(second, AT), new ProjectDeleted(id, AT));
    }

    @Test
    void deleting_a_deleted_project_is_refused() {
        refused(() -> ProjectRules.delete(deleted, List.of(), true, AT), "project-live");
    }

    @Test
    void require_live_refuses_only_a_deleted_project() {
        ProjectRules.requireLive(live);
        refused(() -> ProjectRules.requireLive(deleted), "project-live");
    }
}
