package dev.threadline.cli;

import dev.threadline.domain.error.ThreadlineException;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code threadline} command: global options and the subcommands listed in docs/cli.md. Run it with
 * {@link #run}; it never calls {@code System.exit} itself.
 */
@Command(
        name = "threadline",
        scope = ScopeType.INHERIT,
        versionProvider = BuildInfo.VersionProvider.class,
        description = "An append-only event store for coding-agent orchestrators, in one SQLite file or on a"
                + " PostgreSQL server.")
public final class ThreadlineCli implements Callable<Integer> {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "The store's directory (default: $THREADLINE_HOME, else $XDG_DATA_HOME/threadline, "
                    + "else ~/.local/share/threadline).")
    Path dataDir;

    @Option(
            names = "--database",
            paramLabel = "URL",
            scope = ScopeType.INHERIT,
            description = "A PostgreSQL database shared by many nodes, postgresql://user@host:port/db[?schema=NAME]"
                    + " (default: $THREADLINE_DATABASE, else the SQLite file in the data directory); the data"
                    + " directory still keeps archives and checkpoint repositories.")
    String database;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print machine-readable JSON (JSON Lines for streams).")
    boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    private final StoreAccess access;
    private final BenchRunner bench;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private CommandLine commandLine;

    private ThreadlineCli(StoreAccess access, BenchRunner bench, InputStream in, PrintStream out, PrintStream err) {
        this.access = access;
        this.bench = bench;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs one command line.
     *
     * @return the exit code: 0 done, 1 refused, 2 usage error or malformed input, 3 storage problem
     */
    public static int run(
            StoreAccess access, BenchRunner bench, InputStream in, PrintStream out, PrintStream err, String... args) {
        ThreadlineCli root = new ThreadlineCli(access, bench, in, out, err);
        CommandLine commandLine = root.commandLine(args);
        try {
            int code = commandLine.execute(args);
            if (code == ExitCode.OK && out.checkError()) {
                // A last line that did not reach standard output: the command did not do its job.
                return root.fail(IoErrors.cannotWriteOutput(out));
            }
            return code;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The picocli model of the whole command line, for completion scripts and tests. */
    CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** The picocli model of the command line, with the command tree the arguments name (see {@link CommandTree}). */
    private CommandLine commandLine(String[] arguments) {
        if (commandLine != null) {
            return commandLine;
        }
        CommandLine cl = CommandTree.model(this, arguments, 0);
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.registerConverter(ProjectId.class, converter("project id", ProjectId::parse));
        cl.registerConverter(ThreadId.class, converter("thread id", ThreadId::parse));
        cl.registerConverter(TurnId.class, converter("turn id", TurnId::parse));
        cl.registerConverter(MessageId.class, converter("message id", MessageId::parse));
        cl.registerConverter(CheckpointId.class, converter("checkpoint id", CheckpointId::parse));
        cl.registerConverter(Role.class, text -> {
            try {
                return Role.fromLabel(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            err.println("threadline: " + sentence(usageMessage(ex)));
            if (verbose) {
                ex.printStackTrace(err);
            }
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, command, parseResult) -> fail(ex));
        commandLine = cl;
        return cl;
    }

    /** Tells the failure on stderr (one sentence; the stack trace with --verbose); returns its exit code. */
    private int fail(Exception ex) {
        if (!(ex instanceof CliFailure failure && failure.quiet())) {
            err.println("threadline: " + sentence(messageOf(ex)));
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        return exitCodeOf(ex);
    }

    private static String usageMessage(CommandLine.ParameterException ex) {
        String where = ex.getCommandLine().getCommandSpec().qualifiedName();
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            String option = unknownOption(unmatched.getUnmatched());
            if (option != null) {
                return "unknown option " + option + " for " + where + " (see '" + where + " --help')";
            }
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
                && !ex.getCommandLine().getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty()) {
            String name = unmatched.getUnmatched().get(0);
            return "'" + name + "' is not a " + where + " command (see '" + where + " --help')";
        }
        // picocli starts some of its messages with "Error: ", which the caller's prefix already says.
        String message = ex.getMessage();
        if (message != null && message.startsWith("Error: ")) {
            message = message.substring("Error: ".length());
        }
        return message + " (see --help)";
    }

    /**
     * The first unmatched word that is spelt as an option ({@code --bogus}, {@code --bogus=1},
     * {@code -x}), without its value; null when none is: a lone {@code -} or a negative number is a
     * value.
     */
    private static String unknownOption(List<String> unmatched) {
        for (String word : unmatched) {
            if (word.length() > 1 && word.startsWith("-") && !Character.isDigit(word.charAt(1))) {
                int equals = word.indexOf('=');
                return equals > 0 ? word.substring(0, equals) : word;
            }
        }
        return null;
    }

    private static <T> ITypeConverter<T> converter(String what, Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not a valid " + what + " (a UUID)");
            }
        };
    }

    static int exitCodeOf(Throwable error) {
        if (error instanceof CliFailure failure) {
            return failure.exitCode();
        }
        if (error instanceof ThreadlineException known) {
            return switch (known.category()) {
                case REFUSED -> ExitCode.REFUSED;
                case INVALID -> ExitCode.USAGE;
                case STORAGE -> ExitCode.STORAGE;
            };
        }
        if (error instanceof IllegalArgumentException || error instanceof UncheckedIOException) {
            return ExitCode.USAGE;
        }
        return ExitCode.STORAGE;
    }

    private static String messageOf(Throwable error) {
        if (error instanceof UncheckedIOException io && io.getCause() != null) {
            String reason = IoErrors.reason(io.getCause());
            if (io.getMessage() != null && !io.getMessage().equals(io.getCause().toString())) {
                return io.getMessage() + ": " + reason;
            }
            if (io.getCause() instanceof FileSystemException fs && fs.getFile() != null) {
                return "cannot use " + fs.getFile() + ": " + reason;
            }
            return "input/output failed: " + reason;
        }
        if (error instanceof ThreadlineException
                || error instanceof CliFailure
                || error instanceof IllegalArgumentException) {
            return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        }
        return "unexpected failure: " + describe(error);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null
                ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + message;
    }

    private static String sentence(String message) {
        String line = message.strip();
        int newline = line.indexOf('\n');
        if (newline >= 0) {
            line = line.substring(0, newline).strip();
        }
        return line.endsWith(".") ? line : line + ".";
    }

    /** Without a command: show the usage and fail as a usage error. */
    @Override
    public Integer call() {
        commandLine.usage(err);
        return ExitCode.USAGE;
    }

    Session openSession() {
        return access.open(dataDirectory(), database);
    }

    BenchRunner bench() {
        return bench;
    }

    Path dataDirectory() {
        if (dataDir == null) {
            return access.defaultDataDirectory();
        }
        if (dataDir.toString().isBlank()) {
            // Path.of("") is the working directory: an empty variable in a script must not land there.
            throw CliFailure.usage("--data-dir needs a directory, not an empty value");
        }
        return dataDir;
    }

    Output output() {
        return new Output(out, json);
    }

    InputStream in() {
        return in;
    }

    PrintStream err() {
        return err;
    }

    boolean json() {
        return json;
    }
}
