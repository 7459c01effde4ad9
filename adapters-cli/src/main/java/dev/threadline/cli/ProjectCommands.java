package dev.threadline.cli;

import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.DeleteProject;
import dev.threadline.application.command.RenameProject;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.id.ProjectId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code project create | list | rename | delete}. */
@Command(name = "project", description = "Create, list, rename and delete projects.")
final class ProjectCommands extends GroupCommand {

    @Command(name = "create", description = "Puts a workspace root under orchestration; prints the project id.")
    static final class Create extends WriteCommand {
        @Option(names = "--name", required = true, paramLabel = "N")
        String name;

        @Option(names = "--path", required = true, paramLabel = "P", description = "An absolute path.")
        String path;

        @Override
        dev.threadline.application.command.Command command() {
            return new CreateProject(name, path);
        }

        @Override
        String describe(CommandResult result) {
            return "Created the project.";
        }
    }

    @Command(name = "list", description = "Lists live projects (all with --all).")
    static final class ListProjects extends StoreCommand {
        @Option(names = "--all", description = "Include deleted projects.")
        boolean all;

        @Override
        int run(Session session, Output output) {
            List<ProjectView> projects = session.queries().projects(all);
            if (output.json()) {
                var array = output.array();
                for (ProjectView project : projects) {
                    array.add(output.object()
                            .put("projectId", project.id().toString())
                            .put("name", project.name())
                            .put("path", project.path())
                            .put("deleted", project.deleted())
                            .put("createdAt", Output.text(project.createdAt()))
                            .put("updatedAt", Output.text(project.updatedAt()))
                            .put("version", project.version()));
                }
                var node = output.object();
                node.set("projects", array);
                output.json(node);
                return ExitCode.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            for (ProjectView project : projects) {
                List<String> row = new ArrayList<>(List.of(
                        project.id().toString(), project.name(), project.path(), Output.text(project.createdAt())));
                if (all) {
                    row.add(3, project.deleted() ? "deleted" : "live");
                }
                rows.add(row);
            }
            output.table(
                    all ? List.of("ID", "NAME", "PATH", "STATE", "CREATED") : List.of("ID", "NAME", "PATH", "CREATED"),
                    rows);
            return ExitCode.OK;
        }
    }

    @Command(name = "rename", description = "Renames a project.")
    static final class Rename extends WriteCommand {
        @Parameters(paramLabel = "ID")
        ProjectId id;

        @Option(names = "--name", required = true, paramLabel = "N")
        String name;

        @Override
        dev.threadline.application.command.Command command() {
            return new RenameProject(id, name);
        }

        @Override
        String describe(CommandResult result) {
            return "Renamed project " + id + ".";
        }
    }

    @Command(name = "delete", description = "Soft-deletes a project; --force deletes its live threads too.")
    static final class Delete extends WriteCommand {
        @Parameters(paramLabel = "ID")
        ProjectId id;

        @Option(names = "--force", description = "Also delete the project's live threads.")
        boolean force;

        @Override
        dev.threadline.application.command.Command command() {
            return new DeleteProject(id, force);
        }

        @Override
        String describe(CommandResult result) {
            return "Deleted project " + id + " (" + result.eventCount() + " event(s)).";
        }
    }
}
