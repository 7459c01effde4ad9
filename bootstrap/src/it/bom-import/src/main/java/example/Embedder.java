package example;

import dev.threadline.application.command.Command;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.id.ProjectId;

/** Compiles only when the BOM brought threadline-domain, -application and -bootstrap onto the class path. */
public final class Embedder {

    private Embedder() {}

    public static String describe(Threadline store, ProjectId project, Command command) {
        return store + " " + project + ": " + command;
    }
}
