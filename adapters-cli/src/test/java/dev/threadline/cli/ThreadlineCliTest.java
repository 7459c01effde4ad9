package dev.threadline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.Command;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.importing.ImportEvents;
import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.port.Maintenance;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.application.subscription.Subscriptions;
import dev.threadline.application.usage.UsageReport;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventType;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.SampleEvents;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.InMemoryEventStore;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.json.ExportLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a fake store: parsing, output and exit codes. */
class ThreadlineCliTest {

    @TempDir
    Path temp;

    private final FakeSession session = new FakeSession();
    private StoreAccess access = new StoreAccess() {
        @Override
        public Session open(Path dataDirectory) {
            session.opened = dataDirectory;
            return session;
        }

        @Override
        public Path defaultDataDirectory() {
            return Path.of("/nowhere/default");
        }
    };

    private final List<Integer> benchSizes = new ArrayList<>();
    private final BenchRunner bench = new BenchRunner() {
        @Override
        public List<BenchResult> run(int events, String database, Consumer<String> progress) {
            throw new UnsupportedOperationException("no PostgreSQL in these tests");
        }

        @Override
        public List<BenchResult> run(int events, Set<String> scenarios, Consumer<String> progress) {
            return fakeBench(events, progress);
        }
    };

    private List<BenchResult> fakeBench(int events, Consumer<String> progress) {
        benchSizes.add(events);
        progress.accept("event store batch append, " + events + " events");
        return List.of(
                new BenchResult(
                        "batch-append",
                        "event store append",
                        "events/s",
                        12_345.6789,
                        15_000,
                        12_345.6789 / 15_000,
                        "≥ 0.8× raw",
                        true,
                        "4,000 events per run"),
                new BenchResult("rebuild", "projection rebuild", "events/s", 50.5, 60, 50.5 / 60, "", null, "d"));
    }

    private record Run(int exitCode, String out, String err) {}

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Run run = runTo(new PrintStream(out, true, StandardCharsets.UTF_8), args);
        return new Run(run.exitCode(), out.toString(StandardCharsets.UTF_8), run.err());
    }

    /** Runs with the given standard output; the run's out is empty. */
    private Run runTo(PrintStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ThreadlineCli.run(
                access,
                bench,
                new ByteArrayInputStream(new byte[0]),
                out,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Run(code, "", err.toString(StandardCharsets.UTF_8));
    }

    /** Standard output that fails every write once {@code failing} is set, as a full disk or closed pipe does. */
    private static final class FailingStream extends OutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final AtomicInteger failedWrites = new AtomicInteger();
        final String reason;
        volatile boolean failing;

        FailingStream(String reason, boolean failing) {
            this.reason = reason;
            this.failing = failing;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (failing) {
                failedWrites.incrementAndGet();
                throw new IOException(reason);
            }
            written.write(b, off, len);
        }

        synchronized String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    private void appendSettings(int count) {
        for (int i = 0; i < count; i++) {
            session.events.append(AppendBatch.of(NewEvent.of(SampleEvents.of(EventType.SETTING_CHANGED))));
        }
    }

    @Test
    void creating_a_project_prints_its_id() {
        session.answer = command -> new CommandResult(Map.of("projectId", "p-1"), 7, 1);

        Run run = run("--data-dir", temp.toString(), "project", "create", "--name", "Shop", "--path", "/src/shop");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("p-1\n");
        assertThat(session.commands).containsExactly(new CreateProject("Shop", "/src/shop"));
        assertThat(session.opened).isEqualTo(temp);
    }

    @Test
    void with_json_a_creating_command_prints_its_ids_and_last_sequence() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("turnId", "t-1");
        ids.put("messageId", "m-1");
        session.answer = command -> new CommandResult(ids, 12, 2);

        Run run = run("--json", "turn", "start", "--thread", ThreadId.next().toString(), "--prompt", "hi");

        assertThat(run.out()).isEqualTo("{\"turnId\":\"t-1\",\"messageId\":\"m-1\",\"lastSequence\":12}\n");
    }

    @Test
    void global_options_are_accepted_after_the_command_too() {
        session.answer = command -> new CommandResult(Map.of("projectId", "p-2"), 3, 1);

        Run run = run(
                "project", "create", "--name", "Shop", "--path", "/src/shop", "--json", "--data-dir", temp.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("{\"projectId\":\"p-2\",\"lastSequence\":3}\n");
        assertThat(session.opened).isEqualTo(temp);
    }

    @Test
    void every_subcommand_has_help() {
        Run run = run("project", "create", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: threadline project create").contains("--name");
    }

    @Test
    void the_data_directory_defaults_to_the_store_access_default() {
        run("project", "create", "--name", "Shop", "--path", "/src/shop");

        assertThat(session.opened).isEqualTo(Path.of("/nowhere/default"));
    }

    @Test
    void the_command_id_is_passed_to_the_store() {
        run("thread", "create", "--project", ThreadId.next().toString(), "--title", "T", "--command-id", "c-9");

        assertThat(session.commandIds).containsExactly("c-9");
        assertThat(((CreateThread) session.commands.get(0)).model()).isEqualTo("default");
    }

    @Test
    void a_refused_command_exits_1_with_one_sentence_on_stderr() {
        session.answer = command -> {
            throw new DomainRuleViolation("thread-has-running-turn", "thread x already has a running turn");
        };

        Run run = run("turn", "start", "--thread", ThreadId.next().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err()).isEqualTo("threadline: thread x already has a running turn.\n");
    }

    @Test
    void verbose_adds_the_stack_trace() {
        session.answer = command -> {
            throw new DomainRuleViolation("rule", "refused");
        };

        Run run = run("--verbose", "turn", "start", "--thread", ThreadId.next().toString());

        assertThat(run.err()).contains("threadline: refused.", "\tat ");
    }

    @Test
    void a_malformed_id_exits_2_naming_the_value_without_opening_the_store() {
        Run run = run("thread", "show", "12345");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("'12345' is not a valid thread id").hasLineCount(1);
        assertThat(session.opened).isNull();
    }

    @Test
    void flags_that_exclude_each_other_exit_2_with_one_sentence_and_no_second_prefix() {
        Run run = run("thread", "purge", ThreadId.next().toString(), "--archive-to", "/tmp/a.jsonl", "--no-archive");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("threadline: --archive-to").contains("mutually exclusive");
        assertThat(run.err()).doesNotContain("Error:").hasLineCount(1);
        assertThat(session.opened).isNull();
    }

    @Test
    void an_unknown_role_exits_2_listing_the_roles() {
        Run run = run("message", "add", "--thread", ThreadId.next().toString(), "--role", "bot", "--text", "x");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("bot", "assistant");
    }

    @Test
    void bench_prints_a_row_per_scenario_and_tells_its_progress_on_stderr() {
        Run run = run("bench", "--events", "2000");

        assertThat(run.exitCode()).isZero();
        assertThat(benchSizes).containsExactly(2000);
        assertThat(run.err()).isEqualTo("bench: event store batch append, 2000 events\n");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("SCENARIO").contains("THREADLINE", "RAW JDBC", "RATIO", "TARGET", "DETAIL");
        assertThat(lines.get(1).split(" {2,}"))
                .containsExactly(
                        "batch-append",
                        "12,346 events/s",
                        "15,000",
                        "0.82",
                        "≥ 0.8× raw",
                        "met",
                        "4,000 events per run");
        assertThat(lines.get(2).split(" {2,}"))
                .containsExactly("rebuild", "50.50 events/s", "60.00", "0.84", "-", "-", "d");
    }

    @Test
    void bench_with_json_prints_one_object_per_scenario_and_no_progress() throws Exception {
        Run run = run("--json", "bench", "--events", "1000");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        var first = Output.mapper().readTree(lines.get(0));
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactly(
                        "scenario",
                        "description",
                        "unit",
                        "threadline",
                        "baseline",
                        "ratio",
                        "target",
                        "met",
                        "detail");
        assertThat(first.get("threadline").asDouble()).isEqualTo(12_345.679);
        assertThat(first.get("ratio").asDouble()).isEqualTo(0.823);
        assertThat(first.get("met").asBoolean()).isTrue();
        assertThat(Output.mapper().readTree(lines.get(1)).get("met").isNull()).isTrue();
    }

    @Test
    void bench_with_fewer_than_1000_events_is_a_usage_error() {
        Run run = run("bench", "--events", "999");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("threadline: --events must be at least 1000.\n");
        assertThat(benchSizes).isEmpty();
    }

    @Test
    void an_unknown_command_exits_2() {
        Run run = run("frobnicate");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("'frobnicate' is not a threadline command");
    }

    @Test
    void an_unknown_option_exits_2_naming_it_as_an_option() {
        String thread = "0190c0de-0000-7000-8000-000000000001";
        List<List<String>> lines = List.of(
                List.of("thread", "list", "--bogus"),
                List.of("thread", "list", "--bogus=1"),
                List.of("thread", "show", thread, "--bogus"),
                List.of("thread", "--bogus", "list"),
                List.of("thread", "--bogus"),
                List.of("--bogus", "info"),
                List.of("--bogus"),
                List.of("settings", "set", "ui.theme", "dark", "--bogus"),
                List.of("project", "create", "--name", "N", "--path", "/p", "--bogus"));

        for (List<String> line : lines) {
            Run run = run(line.toArray(String[]::new));

            assertThat(run.exitCode()).as(line.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(line.toString()).startsWith("threadline: unknown option --bogus");
            assertThat(run.err().lines().count()).as(line.toString()).isEqualTo(1);
        }
        assertThat(session.commands).isEmpty();
    }

    /** The root's subcommand that a command line names, as the command tree reads it. */
    private static Class<?> named(String... args) {
        int word = CommandTree.nextWord(args, 0);
        return word < 0 ? null : CommandTree.named(CommandTree.ROOT, args[word]);
    }

    @Test
    void a_command_line_names_its_subcommand_after_the_root_options() {
        assertThat(named("thread", "list")).isEqualTo(ThreadCommands.class);
        assertThat(named("--data-dir", "thread", "project", "list")).isEqualTo(ProjectCommands.class);
        assertThat(named("--json", "--database=x", "--verbose", "events")).isEqualTo(EventsCommand.class);
        assertThat(named("--help", "thread")).isNull();
        assertThat(named("help", "thread")).isNull();
        assertThat(named("completion")).isNull();
        assertThat(named("frobnicate")).isNull();
        assertThat(named("--data-dir")).isNull();
        assertThat(named()).isNull();
        assertThat(CommandTree.nextWord(new String[] {"thread", "--json", "list"}, 1))
                .isEqualTo(2);
        assertThat(CommandTree.named(CommandTree.GROUPS.get(ThreadCommands.class), "list"))
                .isEqualTo(ThreadCommands.ListThreads.class);
    }

    @Test
    void a_command_built_alone_prints_the_usage_the_whole_tree_prints() {
        // "help thread" builds every command's model; "thread --help" only the thread tree.
        Run alone = run("thread", "--help");
        Run whole = run("help", "thread");

        assertThat(alone.exitCode()).isZero();
        assertThat(alone.out()).contains("Usage: threadline thread ", "  list ").isEqualTo(whole.out());
        assertThat(run("thread", "--json", "list", "--help").out())
                .contains("Usage: threadline thread list", "--data-dir=DIR", "--json", "--project=ID");
        assertThat(run("--json", "thread", "lst").err())
                .isEqualTo("threadline: 'lst' is not a threadline thread command (see 'threadline thread --help').\n");
    }

    @Test
    void the_usage_lists_every_command() {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("  init ", "  thread ", "  bench ", "  completion ", "  help ");
    }

    @Test
    void a_group_without_a_subcommand_exits_2() {
        assertThat(run("project").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run().exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void a_store_that_cannot_be_opened_exits_3() {
        access = new StoreAccess() {
            @Override
            public Session open(Path dataDirectory) {
                throw new StorageFailure(StorageFailure.Reason.CORRUPT, "x is not a SQLite database", null);
            }

            @Override
            public Path defaultDataDirectory() {
                return temp;
            }
        };

        Run run = run("info");

        assertThat(run.exitCode()).isEqualTo(ExitCode.STORAGE);
        assertThat(run.err()).isEqualTo("threadline: x is not a SQLite database.\n");
    }

    @Test
    void version_prints_the_version_commit_and_build_time_of_the_build() {
        Run run = run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .matches("threadline \\Q" + System.getProperty("threadline.version") + "\\E \\(commit ("
                        + BuildInfoTest.COMMIT + "), built " + BuildInfoTest.INSTANT + "\\)\n");
    }

    @Test
    void events_print_one_json_line_per_event_in_the_export_format() throws Exception {
        Event event = SampleEvents.of(EventType.SETTING_CHANGED);
        session.events.append(AppendBatch.of(NewEvent.of(event)));

        Run run = run("--json", "events");

        assertThat(run.out().lines())
                .containsExactly(new ExportLines()
                        .encode(session.events.readStream(event.streamId()).get(0)));
    }

    @Test
    void an_import_line_that_is_not_json_exits_2_naming_the_line_and_stores_nothing() throws Exception {
        Path file = temp.resolve("broken.jsonl");
        Files.writeString(file, "\n{not json\n");

        Run run = run("import", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("threadline: line 2 is malformed");
        assertThat(session.events.lastSequence()).isZero();
    }

    @Test
    void completion_prints_a_bash_script_naming_the_commands() {
        Run run = run("completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("#!/usr/bin/env bash", "checkpoint", "projections");
    }

    @Test
    void a_listing_on_a_full_standard_output_stops_at_the_first_line_and_exits_3_with_one_sentence() {
        appendSettings(50);
        FailingStream full = new FailingStream("No space left on device", true);

        Run run = runTo(new StandardOutput(full), "events");

        assertThat(run.exitCode()).isEqualTo(ExitCode.STORAGE);
        assertThat(run.err()).isEqualTo("threadline: cannot write the output: no space left on device.\n");
        assertThat(full.failedWrites.get())
                .as("writes tried after the first failure")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void a_json_listing_on_a_closed_pipe_ends_quietly_with_a_non_zero_exit() {
        appendSettings(50);
        FailingStream closed = new FailingStream("Broken pipe", true);

        Run run = runTo(new StandardOutput(closed), "--json", "events");

        assertThat(run.exitCode()).isEqualTo(ExitCode.STORAGE);
        assertThat(run.err()).isEmpty();
        assertThat(closed.failedWrites.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void an_export_to_a_failing_print_stream_exits_3_with_one_sentence() {
        appendSettings(3);

        Run run = runTo(new PrintStream(new FailingStream("No space left on device", true)), "export");

        assertThat(run.exitCode()).isEqualTo(ExitCode.STORAGE);
        assertThat(run.err()).isEqualTo("threadline: cannot write the output: the output stream reported an error.\n");
    }

    @Test
    void a_json_result_that_cannot_be_written_exits_3_with_one_sentence() {
        session.answer = command -> new CommandResult(Map.of("projectId", "p-1"), 7, 1);

        Run run = runTo(
                new StandardOutput(new FailingStream("No space left on device", true)),
                "--json",
                "project",
                "create",
                "--name",
                "Shop",
                "--path",
                "/src/shop");

        assertThat(run.exitCode()).isEqualTo(ExitCode.STORAGE);
        assertThat(run.err()).isEqualTo("threadline: cannot write the output: no space left on device.\n");
    }

    @Test
    void following_ends_when_the_next_event_cannot_be_written() throws Exception {
        appendSettings(1);
        FailingStream stdout = new FailingStream("No space left on device", false);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Run> following =
                    executor.submit(() -> runTo(new StandardOutput(stdout), "--json", "events", "--follow"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stdout.text().lines().count() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(stdout.text().lines()).hasSize(1);

            stdout.failing = true;
            appendSettings(1);

            Run run = following.get(10, TimeUnit.SECONDS);
            assertThat(run.exitCode()).isEqualTo(ExitCode.STORAGE);
            assertThat(run.err()).isEqualTo("threadline: cannot write the output: no space left on device.\n");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void exporting_into_a_missing_directory_exits_3_naming_the_directory() {
        Path file = temp.resolve("missing").resolve("x.jsonl");

        Run run = run("export", "--out", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.STORAGE);
        assertThat(run.err())
                .isEqualTo("threadline: cannot write " + file + ": the directory " + temp.resolve("missing")
                        + " does not exist.\n");
        assertThat(temp.resolve("missing")).doesNotExist();
    }

    @Test
    void a_backup_into_a_missing_directory_exits_3_naming_the_directory_and_creates_nothing() {
        Path file = temp.resolve("missing").resolve("deeper").resolve("copy.db");

        Run run = run("backup", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.STORAGE);
        assertThat(run.err())
                .isEqualTo("threadline: cannot write " + file + ": the directory "
                        + temp.resolve("missing").resolve("deeper") + " does not exist.\n");
        assertThat(temp.resolve("missing")).doesNotExist();
    }

    @Test
    void a_backup_beside_a_file_named_as_its_directory_exits_3() throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("plain"), "x");

        Run run = run("backup", notADirectory.resolve("copy.db").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.STORAGE);
        assertThat(run.err())
                .isEqualTo("threadline: cannot write " + notADirectory.resolve("copy.db") + ": " + notADirectory
                        + " is not a directory.\n");
    }

    @Test
    void importing_a_directory_exits_2_with_a_sentence_without_class_names() {
        Run run = run("import", temp.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("threadline: cannot read " + temp + ": it is a directory.\n");
    }

    @Test
    void an_io_failure_is_told_without_java_class_names() {
        assertThat(IoErrors.reason(new java.nio.file.NoSuchFileException("/x"))).isEqualTo("no such file or directory");
        assertThat(IoErrors.reason(new java.nio.file.AccessDeniedException("/x")))
                .isEqualTo("permission denied");
        assertThat(IoErrors.reason(new IOException("Is a directory"))).isEqualTo("it is a directory");
        assertThat(IoErrors.reason(new IOException())).isEqualTo("an input/output error");
    }

    /** Records commands; answers them with a scripted function; holds events in memory. */
    private static final class FakeSession implements Session {
        final List<Command> commands = new ArrayList<>();
        final List<String> commandIds = new ArrayList<>();
        final InMemoryEventStore events = new InMemoryEventStore();
        Function<Command, CommandResult> answer = command -> new CommandResult(Map.of(), 1, 1);
        Path opened;

        @Override
        public CommandResult execute(Command command, String commandId) {
            commands.add(command);
            if (commandId != null) {
                commandIds.add(commandId);
            }
            return answer.apply(command);
        }

        @Override
        public ImportEvents importing() {
            // Appends of the in-memory log are atomic on their own; the fake keeps no receipts.
            Transactions direct = new Transactions() {
                @Override
                public <T> T inTransaction(Supplier<T> work) {
                    return work.get();
                }

                @Override
                public <T> T inSavepoint(Supplier<T> work) {
                    return work.get();
                }

                @Override
                public boolean insideTransaction() {
                    return false;
                }
            };
            CommandReceipts none = new CommandReceipts() {
                @Override
                public Optional<Receipt> receipt(String commandId) {
                    return Optional.empty();
                }

                @Override
                public void record(Receipt receipt) {}
            };
            return new ImportEvents(events, direct, none);
        }

        @Override
        public Queries queries() {
            throw new UnsupportedOperationException("the fake store does not need this");
        }

        @Override
        public Projections projections() {
            throw new UnsupportedOperationException("the fake store does not need this");
        }

        @Override
        public EventStore events() {
            return events;
        }

        @Override
        public Subscription subscribe(long afterSequence, EventHandler handler) {
            return new Subscriptions(events, Duration.ofMillis(20)).subscribe(afterSequence, handler);
        }

        @Override
        public MessageStream streamMessage(ThreadId thread, Role role) {
            throw new UnsupportedOperationException("the fake store does not need this");
        }

        @Override
        public void notifyCommitted() {}

        @Override
        public Path dataDirectory() {
            return opened;
        }

        @Override
        public UsageReport usage(int top) {
            throw new UnsupportedOperationException("the fake store does not need this");
        }

        @Override
        public Maintenance.Compaction compact() {
            throw new UnsupportedOperationException("the fake store does not need this");
        }

        @Override
        public Maintenance maintenance() {
            return new Maintenance() {
                @Override
                public boolean onServer() {
                    return false;
                }

                @Override
                public String location() {
                    return opened.resolve("threadline.db").toString();
                }

                @Override
                public int schemaVersion() {
                    return 1;
                }

                @Override
                public Integrity integrityCheck() {
                    return new Integrity(List.of("ok"));
                }

                @Override
                public Integrity backup(Path target) {
                    return new Integrity(List.of("ok"));
                }

                @Override
                public Size size() {
                    return new Size(0, 0, List.of());
                }

                @Override
                public OptionalLong availableBytes() {
                    return OptionalLong.empty();
                }

                @Override
                public List<StreamSize> streamSizes() {
                    return List.of();
                }

                @Override
                public Compaction compact() {
                    return new Compaction(0, 0);
                }
            };
        }

        @Override
        public void close() {}
    }
}
