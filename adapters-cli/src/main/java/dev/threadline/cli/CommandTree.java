package dev.threadline.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command tree: the root's subcommands and each group's, in the order their usage lists them.
 * Building a command's picocli model reads its annotations by reflection, a large part of a short
 * command's start-up, so a model is built with the one subcommand its arguments name next and
 * only that one's tree below it; a command line that names none (a usage, help, a misspelt or
 * missing command) gets every subcommand. Parsing, help, errors and exit codes are the same either
 * way: picocli reads only the named path.
 */
final class CommandTree {

    /** The root's subcommands. */
    static final List<Class<?>> ROOT = List.of(
            MaintenanceCommands.Init.class,
            MaintenanceCommands.Info.class,
            ProjectCommands.class,
            ThreadCommands.class,
            TurnCommands.class,
            MessageCommands.class,
            CheckpointCommands.class,
            SearchCommand.class,
            SettingsCommands.class,
            EventsCommand.class,
            ProjectionsCommands.class,
            MaintenanceCommands.Doctor.class,
            MaintenanceCommands.Backup.class,
            StorageCommands.Usage.class,
            StorageCommands.Compact.class,
            ExportImportCommands.Export.class,
            ExportImportCommands.Import.class,
            LifecycleCommands.Sweep.class,
            BenchCommand.class,
            DemoCommand.class,
            MaintenanceCommands.Completion.class,
            CommandLine.HelpCommand.class);

    /** Each group's subcommands. */
    static final Map<Class<?>, List<Class<?>>> GROUPS = Map.of(
            ProjectCommands.class,
            List.of(
                    ProjectCommands.Create.class,
                    ProjectCommands.ListProjects.class,
                    ProjectCommands.Rename.class,
                    ProjectCommands.Delete.class),
            ThreadCommands.class,
            List.of(
                    ThreadCommands.Create.class,
                    ThreadCommands.ListThreads.class,
                    ThreadCommands.Show.class,
                    ThreadCommands.Fork.class,
                    ThreadCommands.Rename.class,
                    ThreadCommands.Archive.class,
                    ThreadCommands.Unarchive.class,
                    ThreadCommands.Delete.class,
                    LifecycleCommands.ThreadPurge.class),
            TurnCommands.class,
            List.of(
                    TurnCommands.Start.class,
                    TurnCommands.Complete.class,
                    TurnCommands.Fail.class,
                    TurnCommands.Interrupt.class),
            MessageCommands.class,
            List.of(MessageCommands.Add.class, MessageCommands.Stream.class),
            CheckpointCommands.class,
            List.of(
                    CheckpointCommands.Capture.class,
                    CheckpointCommands.Create.class,
                    CheckpointCommands.ListCheckpoints.class,
                    CheckpointCommands.Diff.class,
                    CheckpointCommands.Restore.class),
            SettingsCommands.class,
            List.of(
                    SettingsCommands.Set.class,
                    SettingsCommands.Get.class,
                    SettingsCommands.Unset.class,
                    SettingsCommands.ListSettings.class),
            ProjectionsCommands.class,
            List.of(
                    ProjectionsCommands.Status.class,
                    ProjectionsCommands.Rebuild.class,
                    ProjectionsCommands.Verify.class));

    /** The root's options that take a value (inherited by every command): the next word is theirs. */
    private static final Set<String> VALUE_OPTIONS = Set.of("--data-dir", "--database");

    /** The root's options without a value, inherited by every command. */
    private static final Set<String> FLAG_OPTIONS = Set.of("--json", "--verbose");

    /** Commands that read the whole tree: the usage of another command, completion scripts. */
    private static final Set<String> WHOLE_TREE_COMMANDS = Set.of("help", "completion");

    private CommandTree() {}

    /**
     * The model of a command (an instance or a class) with its subcommands below it: only the one
     * the arguments name next from index {@code next} on, else all of them.
     */
    static CommandLine model(Object command, String[] args, int next) {
        CommandLine line = new CommandLine(command);
        Class<?> type = command instanceof Class<?> commandClass ? commandClass : command.getClass();
        List<Class<?>> subcommands = type == ThreadlineCli.class ? ROOT : GROUPS.getOrDefault(type, List.of());
        int word = nextWord(args, next);
        Class<?> named = word < 0 ? null : named(subcommands, args[word]);
        for (Class<?> subcommand : subcommands) {
            if (named == null) {
                line.addSubcommand(model(subcommand, args, args.length));
            } else if (subcommand == named) {
                line.addSubcommand(model(subcommand, args, word + 1));
            }
        }
        if (type == ThreadlineCli.class) {
            // --help and --version, added after the subcommands as picocli adds the annotation's
            // standard options: every command inherits them after the root's own options.
            line.getCommandSpec().mixinStandardHelpOptions(true);
        }
        return line;
    }

    /** The subcommand a word names, when it needs only its own tree; null for none. */
    static Class<?> named(List<Class<?>> subcommands, String word) {
        if (WHOLE_TREE_COMMANDS.contains(word)) {
            return null;
        }
        for (Class<?> subcommand : subcommands) {
            if (subcommand.getAnnotation(Command.class).name().equals(word)) {
                return subcommand;
            }
        }
        return null;
    }

    /** The index of the first word from {@code from} on that is not an inherited option or its value; -1 for none. */
    static int nextWord(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (VALUE_OPTIONS.contains(arg)) {
                i++;
            } else if (!FLAG_OPTIONS.contains(arg) && !isValueOptionWithValue(arg)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isValueOptionWithValue(String arg) {
        int equals = arg.indexOf('=');
        return equals > 0 && VALUE_OPTIONS.contains(arg.substring(0, equals));
    }
}
