package example;

import dev.threadline.application.command.Command;
import dev.threadline.domain.id.ProjectId;

/** Compiles only when the BOM brought threadline-domain and threadline-application onto the class path. */
public final class Embedder {

    private Embedder() {}

    public static String describe(ProjectId project, Command command) {
        return project + ": " + command;
    }
}
