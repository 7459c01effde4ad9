package dev.threadline.bootstrap.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.ArchiveThread;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.DeleteProject;
import dev.threadline.application.command.DeleteThread;
import dev.threadline.application.command.RenameProject;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.event.ProjectDeleted;
import dev.threadline.domain.event.ProjectRenamed;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadDeleted;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectCommandsTest extends CommandFixture {

    @Test
    void creating_a_project_stores_project_created_and_lists_it() {
        CommandResult result = store.execute(new CreateProject("demo", "/src/./demo/"));

        ProjectId id = result.projectId();
        assertThat(result.lastSequence()).isEqualTo(1);
        assertThat(result.eventCount()).isEqualTo(1);
        StoredEvent stored = log().get(0);
        assertThat(stored.event())
                .isEqualTo(new ProjectCreated(
                        id, "demo", "/src/demo", stored.event().at()));
        assertThat(store.queries().projects(false)).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(id);
            assertThat(p.name()).isEqualTo("demo");
            assertThat(p.path()).isEqualTo("/src/demo");
            assertThat(p.deleted()).isFalse();
            assertThat(p.createdAt()).isEqualTo(stored.event().at());
        });
        assertProjectionsClean();
    }

    @Test
    void a_project_with_a_blank_name_is_refused() {
        assertRefused(new CreateProject("  ", "/src/demo"), "project-name-required");
    }

    @Test
    void a_project_with_a_relative_path_is_refused() {
        assertRefused(new CreateProject("demo", "src/demo"), "project-path-absolute");
    }

    @Test
    void a_project_with_a_blank_path_is_refused() {
        assertRefused(new CreateProject("demo", " "), "project-path-absolute");
    }

    @Test
    void two_live_projects_cannot_share_a_path_even_when_spelled_differently() {
        project("first", "/src/demo");

        assertRefused(new CreateProject("second", "/src/other/../demo"), "project-path-unique");
    }

    @Test
    void a_path_is_free_again_once_its_project_is_deleted() {
        ProjectId first = project("first", "/src/demo");
        store.execute(new DeleteProject(first, false));

        ProjectId second = project("second", "/src/demo");

        assertThat(store.queries().projects(false)).extracting(ProjectView::id).containsExactly(second);
        assertThat(store.queries().projects(true))
                .extracting(ProjectView::id, ProjectView::path, ProjectView::deleted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first, "/src/demo", true),
                        org.assertj.core.groups.Tuple.tuple(second, "/src/demo", false));
        assertProjectionsClean();
    }

    @Test
    void renaming_a_project_changes_its_name_in_the_listing() {
        ProjectId id = project();

        store.execute(new RenameProject(id, "renamed"));

        assertThat(eventsAfter(1)).singleElement().isInstanceOf(ProjectRenamed.class);
        assertThat(store.queries().project(id).name()).isEqualTo("renamed");
        assertThat(store.queries().project(id).path()).isEqualTo("/src/demo");
        assertThat(store.queries().project(id).version()).isEqualTo(1);
        assertProjectionsClean();
    }

    @Test
    void renaming_a_project_to_a_blank_name_is_refused() {
        assertRefused(new RenameProject(project(), ""), "project-name-required");
    }

    @Test
    void renaming_a_deleted_project_is_refused() {
        ProjectId id = project();
        store.execute(new DeleteProject(id, false));

        assertRefused(new RenameProject(id, "again"), "project-live");
    }

    @Test
    void renaming_an_unknown_project_is_not_found() {
        assertRefused(new RenameProject(ProjectId.next(), "x"), NotFound.class);
    }

    @Test
    void deleting_a_project_without_threads_marks_it_deleted() {
        ProjectId id = project();

        store.execute(new DeleteProject(id, false));

        assertThat(eventsAfter(1)).singleElement().isInstanceOf(ProjectDeleted.class);
        assertThat(store.queries().projects(false)).isEmpty();
        assertThat(store.queries().projects(true))
                .singleElement()
                .satisfies(p -> assertThat(p.deleted()).isTrue());
        assertProjectionsClean();
    }

    @Test
    void deleting_a_project_with_only_deleted_threads_needs_no_force() {
        ProjectId id = project();
        store.execute(new DeleteThread(thread(id)));

        store.execute(new DeleteProject(id, false));

        assertThat(store.queries().project(id).deleted()).isTrue();
    }

    @Test
    void deleting_a_project_with_live_threads_needs_force() {
        ProjectId id = project();
        thread(id);

        assertRefused(new DeleteProject(id, false), "project-delete-needs-force");
    }

    @Test
    void deleting_a_deleted_project_is_refused() {
        ProjectId id = project();
        store.execute(new DeleteProject(id, false));

        assertRefused(new DeleteProject(id, true), "project-live");
    }

    @Test
    void a_forced_delete_deletes_every_live_thread_then_the_project_in_one_batch() {
        ProjectId id = project();
        ProjectId otherProject = project("other", "/src/other");
        ThreadId first = thread(id);
        ThreadId archived = thread(id);
        store.execute(new ArchiveThread(archived));
        ThreadId alreadyDeleted = thread(id);
        store.execute(new DeleteThread(alreadyDeleted));
        ThreadId elsewhere = thread(otherProject);
        long before = lastSequence();

        CommandResult result = store.execute(new DeleteProject(id, true), "delete-demo");

        List<StoredEvent> batch = logAfter(before);
        assertThat(batch)
                .extracting(StoredEvent::event)
                .containsExactly(
                        new ThreadDeleted(first, batch.get(0).event().at()),
                        new ThreadDeleted(archived, batch.get(0).event().at()),
                        new ProjectDeleted(id, batch.get(0).event().at()));
        assertThat(batch).extracting(StoredEvent::sequence).containsExactly(before + 1, before + 2, before + 3);
        assertThat(batch).extracting(StoredEvent::commandId).containsOnly("delete-demo");
        assertThat(batch)
                .extracting(StoredEvent::recordedAt)
                .containsOnly(batch.get(0).recordedAt());
        assertThat(result.lastSequence()).isEqualTo(before + 3);
        assertThat(result.eventCount()).isEqualTo(3);

        assertThat(store.queries().threads(new ThreadFilter(id, true, false))).isEmpty();
        assertThat(store.queries().threads(new ThreadFilter(id, true, true)))
                .extracting(ThreadView::id, ThreadView::deleted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first, true),
                        org.assertj.core.groups.Tuple.tuple(archived, true),
                        org.assertj.core.groups.Tuple.tuple(alreadyDeleted, true));
        assertThat(store.queries().threads(ThreadFilter.active()))
                .extracting(ThreadView::id)
                .containsExactly(elsewhere);
        assertThat(store.queries().project(id).deleted()).isTrue();
        assertProjectionsClean();
    }

    @Test
    void a_thread_needs_a_known_project() {
        assertRefused(new CreateThread(ProjectId.next(), "t", "m"), NotFound.class);
    }

    @Test
    void a_thread_needs_a_live_project() {
        ProjectId id = project();
        store.execute(new DeleteProject(id, false));

        assertRefused(new CreateThread(id, "t", "m"), "thread-needs-live-project");
    }
}
