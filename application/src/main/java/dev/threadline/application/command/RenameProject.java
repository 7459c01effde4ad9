package dev.threadline.application.command;

import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.rules.ProjectRules;
import java.util.Objects;

/** Renames a live project. */
public record RenameProject(ProjectId projectId, String name) implements Command {

    /** Checks that the required fields are present. */
    public RenameProject {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public Decision decide(CommandContext context) {
        ProjectView project = context.project(projectId);
        return Decision.of(ProjectRules.rename(project.state(), name, context.now()))
                .expecting(projectId.toString(), project.version());
    }
}
