package dev.threadline.application.command;

import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.ThreadRules;
import java.util.Objects;

/** Starts a conversation thread in a live project. */
public record CreateThread(ProjectId projectId, String title, String model) implements Command {

    /** Checks that the required fields are present. */
    public CreateThread {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(model, "model");
    }

    @Override
    public Decision decide(CommandContext context) {
        ThreadId id = context.ids().threadId();
        ProjectView project = context.project(projectId);
        return Decision.of(ThreadRules.create(id, project.state(), title, model, context.now()))
                .expecting(id.toString(), -1)
                .withId(id);
    }
}
