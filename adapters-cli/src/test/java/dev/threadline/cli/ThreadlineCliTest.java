package dev.threadline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.command.Command;
import dev.threadline.application.command.CommandResult;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

    private record Run(int exitCode, String out, String err) {}

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ThreadlineCli.run(
                access,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
    void an_unknown_role_exits_2_listing_the_roles() {
        Run run = run("message", "add", "--thread", ThreadId.next().toString(), "--role", "bot", "--text", "x");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("bot", "assistant");
    }

    @Test
    void an_unknown_command_exits_2() {
        Run run = run("frobnicate");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("'frobnicate' is not a threadline command");
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
    void events_print_one_json_line_per_event_in_the_export_format() throws Exception {
        Event event = SampleEvents.of(EventType.SETTING_CHANGED);
        session.events.append(AppendBatch.of(NewEvent.of(event)));

        Run run = run("--json", "events");

        assertThat(run.out().lines()).hasSize(1);
        var line = Output.MAPPER.readTree(run.out());
        assertThat(line.fieldNames())
                .toIterable()
                .containsExactly(
                        "sequence",
                        "eventId",
                        "streamId",
                        "streamVersion",
                        "type",
                        "occurredAt",
                        "recordedAt",
                        "commandId",
                        "causationId",
                        "correlationId",
                        "payload");
        assertThat(line.get("type").asText()).isEqualTo("SettingChanged");
        assertThat(line.get("payload").has("type")).isFalse();
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
            throw new UnsupportedOperationException("the fake store does not need this");
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
        public Path databaseFile() {
            return opened.resolve("threadline.db");
        }

        @Override
        public int schemaVersion() {
            return 1;
        }

        @Override
        public List<String> integrityCheck() {
            return List.of("ok");
        }

        @Override
        public List<String> backup(Path target) {
            return List.of("ok");
        }

        @Override
        public String encodePayload(Event event) {
            return "{\"type\":\"" + event.typeName() + "\",\"at\":\"" + event.at() + "\"}";
        }

        @Override
        public Event decodePayload(String type, String payload) {
            throw new IllegalArgumentException("the fake decodes nothing");
        }

        @Override
        public void close() {}
    }
}
