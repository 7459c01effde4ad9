package dev.threadline.application.command;

import dev.threadline.domain.event.ProjectCreated;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.rules.ProjectRules;
import java.util.Objects;

/** Puts a workspace root under orchestration. */
public record CreateProject(String name, String path) implements Command {

    /** Checks that the required fields are present. */
    public CreateProject {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }

    @Override
    public Decision decide(CommandContext context) {
        ProjectId id = context.ids().projectId();
        ProjectCreated created = ProjectRules.create(id, name, path, context::livePathTaken, context.now());
        return Decision.of(created).expecting(id.toString(), -1).withId(id);
    }
}
