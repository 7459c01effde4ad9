package dev.threadline.cli;

import dev.threadline.application.command.ArchiveThread;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.DeleteThread;
import dev.threadline.application.command.ForkThread;
import dev.threadline.application.command.RenameThread;
import dev.threadline.application.command.UnarchiveThread;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code thread create | list | show | fork | rename | archive | unarchive | delete | purge}. */
@Command(name = "thread", description = "Create, list, show and change conversation threads.")
final class ThreadCommands extends GroupCommand {

    /** The model recorded for a thread created without {@code --model}. */
    static final String DEFAULT_MODEL = "default";

    @Command(name = "create", description = "Starts a thread in a live project; prints the thread id.")
    static final class Create extends WriteCommand {
        @Option(names = "--project", required = true, paramLabel = "ID")
        ProjectId project;

        @Option(names = "--title", required = true, paramLabel = "T")
        String title;

        @Option(
                names = "--model",
                paramLabel = "M",
                defaultValue = DEFAULT_MODEL,
                description = "The agent model (default: ${DEFAULT-VALUE}).")
        String model;

        @Override
        dev.threadline.application.command.Command command() {
            return new CreateThread(project, title, model);
        }

        @Override
        String describe(CommandResult result) {
            return "Created the thread.";
        }
    }

    @Command(name = "list", description = "Lists live, unarchived threads; flags add archived and deleted ones.")
    static final class ListThreads extends StoreCommand {
        @Option(names = "--project", paramLabel = "ID", description = "Only this project's threads.")
        ProjectId project;

        @Option(names = "--archived", description = "Include archived threads.")
        boolean archived;

        @Option(names = "--deleted", description = "Include deleted threads.")
        boolean deleted;

        @Override
        int run(Session session, Output output) {
            if (project != null) {
                session.queries().project(project);
            }
            List<ThreadView> threads = session.queries().threads(new ThreadFilter(project, archived, deleted));
            if (output.json()) {
                var array = output.array();
                threads.forEach(thread -> array.add(Views.thread(output, thread)));
                var node = output.object();
                node.set("threads", array);
                output.json(node);
                return ExitCode.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            for (Listed listed : underParents(threads)) {
                ThreadView thread = listed.thread();
                rows.add(List.of(
                        thread.id().toString(),
                        listed.depth() == 0 ? thread.title() : "  ".repeat(listed.depth() - 1) + "└ " + thread.title(),
                        thread.model(),
                        Views.state(thread),
                        Long.toString(thread.turnCount()),
                        Long.toString(thread.messageCount()),
                        Output.text(thread.lastActivityAt())));
            }
            output.table(List.of("ID", "TITLE", "MODEL", "STATE", "TURNS", "MESSAGES", "LAST ACTIVITY"), rows);
            return ExitCode.OK;
        }
    }

    /** A listed thread and how deep it sits under forked-from parents. */
    record Listed(ThreadView thread, int depth) {}

    /** The threads in listing order, each fork right under its parent when the parent is listed. */
    static List<Listed> underParents(List<ThreadView> threads) {
        Map<String, List<ThreadView>> forks = new LinkedHashMap<>();
        Set<String> listed = new HashSet<>();
        threads.forEach(t -> listed.add(t.id().toString()));
        List<ThreadView> roots = new ArrayList<>();
        for (ThreadView thread : threads) {
            if (thread.forkedFrom() != null
                    && listed.contains(thread.forkedFrom().parent().toString())) {
                forks.computeIfAbsent(thread.forkedFrom().parent().toString(), p -> new ArrayList<>())
                        .add(thread);
            } else {
                roots.add(thread);
            }
        }
        List<Listed> ordered = new ArrayList<>();
        roots.forEach(root -> addWithForks(root, 0, forks, ordered));
        return ordered;
    }

    private static void addWithForks(
            ThreadView thread, int depth, Map<String, List<ThreadView>> forks, List<Listed> ordered) {
        ordered.add(new Listed(thread, depth));
        for (ThreadView fork : forks.getOrDefault(thread.id().toString(), List.of())) {
            addWithForks(fork, depth + 1, forks, ordered);
        }
    }

    @Command(
            name = "fork",
            description = "Starts a thread sharing a thread's history up to and including a message (nothing is"
                    + " copied); prints the new thread id.")
    static final class Fork extends WriteCommand {
        @Parameters(paramLabel = "ID")
        ThreadId id;

        @Option(names = "--at", required = true, paramLabel = "MESSAGE", description = "The last message inherited.")
        MessageId at;

        @Option(names = "--title", paramLabel = "T", description = "The fork's title (default: the parent's + (fork)).")
        String title;

        @Override
        dev.threadline.application.command.Command command() {
            return new ForkThread(id, at, title);
        }

        @Override
        String describe(CommandResult result) {
            return "Forked thread " + id + " at message " + at + ".";
        }
    }

    @Command(name = "show", description = "Prints a thread's transcript: turns, messages and checkpoints.")
    static final class Show extends StoreCommand {
        @Parameters(paramLabel = "ID")
        ThreadId id;

        @Override
        int run(Session session, Output output) {
            Views.transcript(output, session.queries().transcript(id), session.queries()::thread);
            return ExitCode.OK;
        }
    }

    @Command(name = "rename", description = "Renames a thread.")
    static final class Rename extends WriteCommand {
        @Parameters(paramLabel = "ID")
        ThreadId id;

        @Option(names = "--title", required = true, paramLabel = "T")
        String title;

        @Override
        dev.threadline.application.command.Command command() {
            return new RenameThread(id, title);
        }

        @Override
        String describe(CommandResult result) {
            return "Renamed thread " + id + ".";
        }
    }

    @Command(name = "archive", description = "Archives a thread: hidden from listings, read-only.")
    static final class Archive extends OnThread {
        Archive() {
            super(ArchiveThread::new, "Archived");
        }
    }

    @Command(name = "unarchive", description = "Makes an archived thread active again.")
    static final class Unarchive extends OnThread {
        Unarchive() {
            super(UnarchiveThread::new, "Unarchived");
        }
    }

    @Command(name = "delete", description = "Soft-deletes a thread.")
    static final class Delete extends OnThread {
        Delete() {
            super(DeleteThread::new, "Deleted");
        }
    }

    /** A command on one thread that its id alone names, reported as "Archived thread ID." and the like. */
    private abstract static class OnThread extends WriteCommand {
        @Parameters(paramLabel = "ID")
        ThreadId id;

        private final Function<ThreadId, dev.threadline.application.command.Command> command;
        private final String done;

        OnThread(Function<ThreadId, dev.threadline.application.command.Command> command, String done) {
            this.command = command;
            this.done = done;
        }

        @Override
        dev.threadline.application.command.Command command() {
            return command.apply(id);
        }

        @Override
        String describe(CommandResult result) {
            return done + " thread " + id + ".";
        }
    }
}
