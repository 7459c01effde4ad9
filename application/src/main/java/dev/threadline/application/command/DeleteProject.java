package dev.threadline.application.command;

import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.rules.ProjectRules;
import java.util.Objects;

/** Soft-deletes a project; with force, its live threads too. */
public record DeleteProject(ProjectId projectId, boolean force) implements Command {

    /** Checks that the required fields are present. */
    public DeleteProject {
        Objects.requireNonNull(projectId, "projectId");
    }

    @Override
    public Decision decide(CommandContext context) {
        ProjectView project = context.project(projectId);
        return Decision.of(ProjectRules.delete(project.state(), context.liveThreadsOf(projectId), force, context.now()))
                .expecting(projectId.toString(), project.version());
    }
}
