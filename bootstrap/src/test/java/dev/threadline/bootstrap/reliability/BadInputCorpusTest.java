package dev.threadline.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadline.bootstrap.CliHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad inputs, each run by the command line on a copy of a seeded store: the exit code
 * and the sentence on stderr are the expected ones, and the store is unchanged afterwards (the
 * same export; for a damaged file, the same bytes).
 */
class BadInputCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN = "01a20c5f-dd85-7242-87d5-d36f2cc2faa0";

    @TempDir
    static Path shared;

    static Path template;
    static Map<String, String> ids;
    static List<String> seededLines;
    static List<String> foreignLines;

    @TempDir
    Path temp;

    /** What is wrong with the store or its surroundings before the command runs. */
    enum Damage {
        NONE,
        NOT_SQLITE,
        TRUNCATED_HEADER,
        TRUNCATED_HALF,
        DAMAGED_PAGES,
        NEWER_SCHEMA,
        OTHER_PROGRAM,
        DATABASE_IS_DIRECTORY,
        DIRECTORY_UNDER_FILE,
        LOCKED
    }

    /**
     * One bad input.
     *
     * @param name what it is
     * @param args the command line, with {project}, {thread}, {archived}, {turn}, {checkpoint} and
     *     {file} placeholders
     * @param file the content of {file}, or null
     * @param exit the expected exit code
     * @param fragment a piece of the expected stderr sentence
     * @param damage what is broken before the command runs
     */
    record Case(String name, List<String> args, String file, int exit, String fragment, Damage damage) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void seed() throws IOException {
        template = shared.resolve("template");
        String dir = template.toString();
        String project = json(dir, "project", "create", "--name", "Shop", "--path", "/src/shop")
                .get("projectId");
        String thread = json(dir, "thread", "create", "--project", project, "--title", "Checkout")
                .get("threadId");
        String turn = json(dir, "turn", "start", "--thread", thread, "--prompt", "Why?")
                .get("turnId");
        ok(dir, "turn", "complete", "--thread", thread);
        String checkpoint = json(
                        dir,
                        "checkpoint",
                        "create",
                        "--thread",
                        thread,
                        "--turn",
                        turn,
                        "--ref",
                        "refs/heads/fix",
                        "--message",
                        "fixed")
                .get("checkpointId");
        String archived = json(dir, "thread", "create", "--project", project, "--title", "Old")
                .get("threadId");
        ok(dir, "thread", "archive", archived);
        ok(dir, "settings", "set", "ui.theme", "dark", "--command-id", "seed-command");
        ids = Map.of(
                "project", project, "thread", thread, "turn", turn, "checkpoint", checkpoint, "archived", archived);
        seededLines = CliHarness.run("--data-dir", dir, "export").out().lines().toList();
        Path foreign = shared.resolve("foreign");
        ok(foreign.toString(), "demo");
        foreignLines = CliHarness.run("--data-dir", foreign.toString(), "export")
                .out()
                .lines()
                .toList();
    }

    private static Map<String, String> json(String dir, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir, "--json"));
        all.addAll(List.of(args));
        CliHarness.Run run = CliHarness.run(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.convertValue(
                JSON.readTree(run.out()),
                JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }

    private static void ok(String dir, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir));
        all.addAll(List.of(args));
        CliHarness.Run run = CliHarness.run(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    // ---- the corpus ---------------------------------------------------------------------------

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        usage(cases);
        malformedIds(cases);
        malformedValues(cases);
        refusals(cases);
        commandIds(cases);
        importLines(cases);
        storage(cases);
        return cases.stream();
    }

    private static Case usage(String name, int exit, String fragment, String... args) {
        return new Case(name, List.of(args), null, exit, fragment, Damage.NONE);
    }

    private static void usage(List<Case> cases) {
        cases.add(usage("unknown command", 2, "'frobnicate' is not a threadline command", "frobnicate"));
        cases.add(usage("unknown project command", 2, "'frob' is not a threadline project command", "project", "frob"));
        cases.add(usage("unknown thread command", 2, "is not a threadline thread command", "thread", "explode"));
        cases.add(usage("unknown settings command", 2, "is not a threadline settings command", "settings", "drop"));
        cases.add(usage("unknown global flag", 2, "--frob", "--frob", "info"));
        cases.add(usage("unknown flag of a command", 2, "--colour", "project", "list", "--colour"));
        cases.add(usage("unknown flag of a write", 2, "--force-it", "thread", "archive", "{thread}", "--force-it"));
        cases.add(usage("no command", 2, "Usage", new String[0]));
        cases.add(usage("a group without its command", 2, "needs a subcommand", "project"));
        cases.add(usage("project create without a path", 2, "--path", "project", "create", "--name", "X"));
        cases.add(usage("project create without a name", 2, "--name", "project", "create", "--path", "/x"));
        cases.add(usage("project rename without the name", 2, "--name", "project", "rename", "{project}"));
        cases.add(usage("project rename without an id", 2, "ID", "project", "rename", "--name", "X"));
        cases.add(usage("thread create without a project", 2, "--project", "thread", "create", "--title", "T"));
        cases.add(usage("thread create without a title", 2, "--title", "thread", "create", "--project", "{project}"));
        cases.add(usage("thread show without an id", 2, "ID", "thread", "show"));
        cases.add(usage("turn start without a thread", 2, "--thread", "turn", "start"));
        cases.add(usage("turn fail without an error", 2, "--error", "turn", "fail", "--thread", "{thread}"));
        cases.add(usage(
                "message add without a role", 2, "--role", "message", "add", "--thread", "{thread}", "--text", "x"));
        cases.add(usage(
                "message add without text", 2, "--text", "message", "add", "--thread", "{thread}", "--role", "user"));
        cases.add(usage(
                "checkpoint create without a ref",
                2,
                "--ref",
                "checkpoint",
                "create",
                "--thread",
                "{thread}",
                "--turn",
                "{turn}",
                "--message",
                "m"));
        cases.add(usage(
                "checkpoint restore without a checkpoint",
                2,
                "CHECKPOINT",
                "checkpoint",
                "restore",
                "--thread",
                "{thread}"));
        cases.add(usage("settings set without a value", 2, "VALUE", "settings", "set", "ui.theme"));
        cases.add(usage("settings get without a key", 2, "KEY", "settings", "get"));
        cases.add(usage("import without a file", 2, "FILE", "import"));
        cases.add(usage("backup without a file", 2, "FILE", "backup"));
        cases.add(usage("an option without its value", 2, "--title", "thread", "rename", "{thread}", "--title"));
        cases.add(usage("too many arguments", 2, "extra", "thread", "show", "{thread}", "extra"));
        cases.add(usage("a data dir option without a directory", 2, "--data-dir", "--data-dir"));
    }

    private static void malformedIds(List<Case> cases) {
        List<String> badIds = List.of(
                "not-an-id",
                "123",
                "01a20c5f-dd85-7242-87d5",
                "01a20c5f-dd85-7242-87d5-d36f2cc2faa0-ff",
                "'; DROP TABLE events;--",
                "");
        List<List<String>> forms = List.of(
                List.of("thread", "show", "%s"),
                List.of("project", "rename", "%s", "--name", "X"),
                List.of("project", "delete", "%s"),
                List.of("thread", "create", "--project", "%s", "--title", "T"),
                List.of("turn", "start", "--thread", "%s"),
                List.of(
                        "checkpoint",
                        "create",
                        "--thread",
                        "{thread}",
                        "--turn",
                        "%s",
                        "--ref",
                        "refs/heads/x",
                        "--message",
                        "m"),
                List.of("checkpoint", "restore", "--thread", "{thread}", "%s"),
                List.of("thread", "archive", "%s"));
        for (List<String> form : forms) {
            for (String bad : badIds) {
                String[] args = form.stream().map(a -> a.equals("%s") ? bad : a).toArray(String[]::new);
                cases.add(usage(
                        String.join(" ", form) + " with the id '" + bad + "'",
                        2,
                        "'" + bad + "' is not a valid",
                        args));
            }
        }
    }

    private static void malformedValues(List<Case> cases) {
        cases.add(usage(
                "an unknown role",
                2,
                "robot",
                "message",
                "add",
                "--thread",
                "{thread}",
                "--role",
                "robot",
                "--text",
                "x"));
        cases.add(usage("events after a word", 2, "abc", "events", "--after", "abc"));
        cases.add(usage("events with a fractional limit", 2, "1.5", "events", "--limit", "1.5"));
        cases.add(usage("events with a negative position", 2, "-1", "events", "--after", "-1"));
        cases.add(usage("events with a negative limit", 2, "-5", "events", "--limit", "-5"));
        cases.add(usage("events with a word for a limit", 2, "many", "events", "--limit", "many"));
        for (String key : List.of("Bad.Key", "a..b", "1abc", "key with space", ".lead", "trail.", "ui.théme", "")) {
            cases.add(usage("setting key '" + key + "'", 1, "'" + key + "'", "settings", "set", key, "v"));
        }
        for (String ref : List.of(
                "bad..ref",
                "refs/heads/a b",
                "refs/heads/x.lock",
                "refs/@{x",
                "refs/heads/",
                "/refs/x",
                "refs/heads/a~1",
                "refs/heads/a^",
                "refs/heads/a:b",
                "refs/heads/a?",
                "")) {
            cases.add(usage(
                    "git ref '" + ref + "'",
                    1,
                    "'" + ref + "'",
                    "checkpoint",
                    "create",
                    "--thread",
                    "{thread}",
                    "--turn",
                    "{turn}",
                    "--ref",
                    ref,
                    "--message",
                    "m"));
        }
        cases.add(
                usage("a relative project path", 1, "absolute", "project", "create", "--name", "X", "--path", "src/x"));
        cases.add(usage("a blank project name", 1, "name", "project", "create", "--name", "  ", "--path", "/x"));
        cases.add(usage(
                "a blank thread title", 1, "title", "thread", "create", "--project", "{project}", "--title", " "));
    }

    private static void refusals(List<Case> cases) {
        cases.add(usage("an unknown thread", 1, UNKNOWN, "thread", "show", UNKNOWN));
        cases.add(usage("renaming an unknown project", 1, UNKNOWN, "project", "rename", UNKNOWN, "--name", "X"));
        cases.add(usage(
                "a thread in an unknown project",
                1,
                UNKNOWN,
                "thread",
                "create",
                "--project",
                UNKNOWN,
                "--title",
                "T"));
        cases.add(usage("completing when no turn runs", 1, "turn", "turn", "complete", "--thread", "{thread}"));
        cases.add(usage(
                "a message without a running turn",
                1,
                "turn",
                "message",
                "add",
                "--thread",
                "{thread}",
                "--role",
                "user",
                "--text",
                "x"));
        cases.add(usage("a turn in an archived thread", 1, "archived", "turn", "start", "--thread", "{archived}"));
        cases.add(usage("deleting a project with live threads", 1, "force", "project", "delete", "{project}"));
        cases.add(usage(
                "restoring an unknown checkpoint",
                1,
                UNKNOWN,
                "checkpoint",
                "restore",
                "--thread",
                "{thread}",
                UNKNOWN));
        cases.add(usage(
                "a second project on the same path",
                1,
                "/src/shop",
                "project",
                "create",
                "--name",
                "Y",
                "--path",
                "/src/shop"));
        cases.add(usage("reading an unset setting", 1, "not set", "settings", "get", "ui.missing"));
        cases.add(usage("archiving an archived thread", 1, "archived", "thread", "archive", "{archived}"));
        cases.add(usage(
                "a command id reused for another command",
                1,
                "command id",
                "settings",
                "set",
                "ui.theme",
                "light",
                "--command-id",
                "{seed-command}"));
    }

    private static void commandIds(List<Case> cases) {
        for (String blank : List.of("", " ")) {
            String shown = "'" + blank + "'";
            cases.add(usage(
                    "a setting with the command id " + shown,
                    2,
                    "--command-id must not be blank",
                    "settings",
                    "set",
                    "ui.theme",
                    "light",
                    "--command-id",
                    blank));
            cases.add(usage(
                    "a thread archived with the command id " + shown,
                    2,
                    "--command-id must not be blank",
                    "thread",
                    "archive",
                    "{thread}",
                    "--command-id",
                    blank));
            cases.add(usage(
                    "a project created with the command id " + shown,
                    2,
                    "--command-id must not be blank",
                    "project",
                    "create",
                    "--name",
                    "Z",
                    "--path",
                    "/src/z",
                    "--command-id",
                    blank));
            cases.add(usage(
                    "a message stream with the command id " + shown,
                    2,
                    "--command-id must not be blank",
                    "message",
                    "stream",
                    "--thread",
                    "{thread}",
                    "--command-id",
                    blank));
        }
    }

    private static void importLines(List<Case> cases) {
        String first = foreignLines.get(0);
        String head = foreignLines.stream()
                .filter(line -> foreignLines.stream()
                                .filter(other -> streamOf(other).equals(streamOf(line)))
                                .count()
                        > 1)
                .findFirst()
                .orElseThrow();
        String second = foreignLines.stream()
                .filter(line -> !line.equals(head) && streamOf(line).equals(streamOf(head)))
                .findFirst()
                .orElseThrow();
        importCase(cases, "an import line that is not JSON", "{\"eventId\": 12", 2, "line 1");
        importCase(cases, "a truncated import line", first.substring(0, first.length() / 2), 2, "line 1");
        importCase(cases, "an import line that is a JSON array", "[1,2,3]", 2, "line 1");
        importCase(cases, "an import line that is a number", "42", 2, "line 1");
        importCase(cases, "an import line that is null", "null", 2, "line 1");
        importCase(cases, "binary garbage", "\u0000\u0001\u00ff\u00fe garbage", 2, "line 1");
        importCase(cases, "a very long line", "{\"x\":\"" + "x".repeat(3_000_000), 2, "line 1");
        importCase(cases, "a valid line then a truncated one", first + "\n" + second.substring(0, 40), 2, "line 2");
        importCase(cases, "an unknown event type", with(first, "type", "ProjectExploded"), 2, "ProjectExploded");
        for (String field : List.of("eventId", "streamId", "streamVersion", "type", "payload", "occurredAt")) {
            importCase(cases, "an import line without " + field, without(first, field), 2, "line 1");
        }
        for (String field : List.of("projectId", "name", "path", "at")) {
            importCase(cases, "a payload without " + field, withoutPayload(first, field), 2, "line 1");
        }
        importCase(cases, "a word for a stream version", with(first, "streamVersion", "zero"), 2, "streamVersion");
        importCase(cases, "a negative stream version", withNumber(first, "streamVersion", -1), 2, "streamVersion");
        importCase(cases, "a fractional stream version", withNumber(first, "streamVersion", 0.5), 2, "line 1");
        importCase(cases, "a number for an event id", withNumber(first, "eventId", 12), 2, "eventId");
        importCase(cases, "an event id that is not a UUID", with(first, "eventId", "abc"), 2, "eventId");
        importCase(cases, "a payload that is a string", with(first, "payload", "{}"), 2, "payload");
        importCase(cases, "a date that is not a date", with(first, "occurredAt", "yesterday"), 2, "line 1");
        importCase(
                cases,
                "an occurredAt that is not a time",
                with(first, "occurredAt", "2026-11-24 10:00"),
                2,
                "line 1 is malformed: its occurredAt 2026-11-24 10:00 is not a time");
        importCase(
                cases,
                "an occurredAt other than the event's time",
                with(first, "occurredAt", "2000-01-01T00:00:00.000000Z"),
                2,
                "line 1 is malformed: its occurredAt 2000-01-01T00:00:00.000000Z is not the event's time");
        importCase(cases, "a payload id that is not a UUID", withPayload(first, "projectId", "nope"), 2, "line 1");
        importCase(cases, "a number for a name", withPayloadNumber(first, "name", 7), 2, "line 1");
        importCase(cases, "a stream id of another stream", with(first, "streamId", UNKNOWN), 2, "streamId");
        importCase(
                cases,
                "a stream version that skips one",
                first + "\n" + withNumber(second, "streamVersion", 5),
                2,
                "not 5");
        importCase(cases, "a stream that starts at version 1", withNumber(first, "streamVersion", 1), 2, "not 1");
        importCase(cases, "a stream version given twice", head + "\n" + head, 2, "line 2");
        importCase(cases, "events out of stream order", second + "\n" + head, 2, "line 1");
        importCase(
                cases,
                "a stored event with other content",
                withPayload(seededLines.get(0), "name", "Changed"),
                1,
                "conflicts");
        cases.add(usage("an import file that does not exist", 2, "no file", "import", "/nonexistent/file.jsonl"));
        cases.add(usage("an import file that is a directory", 2, "", "import", "/"));
    }

    private static String streamOf(String line) {
        try {
            return JSON.readTree(line).get("streamId").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void importCase(List<Case> cases, String name, String content, int exit, String fragment) {
        cases.add(new Case(name, List.of("import", "{file}"), content, exit, fragment, Damage.NONE));
    }

    private static String edit(String line, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            change.accept(node);
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String with(String line, String field, String value) {
        return edit(line, node -> node.put(field, value));
    }

    private static String withNumber(String line, String field, double value) {
        return edit(line, node -> {
            if (value == Math.rint(value)) {
                node.put(field, (long) value);
            } else {
                node.put(field, value);
            }
        });
    }

    private static String without(String line, String field) {
        return edit(line, node -> node.remove(field));
    }

    private static String withPayload(String line, String field, String value) {
        return edit(line, node -> ((ObjectNode) node.get("payload")).put(field, value));
    }

    private static String withPayloadNumber(String line, String field, long value) {
        return edit(line, node -> ((ObjectNode) node.get("payload")).put(field, value));
    }

    private static String withoutPayload(String line, String field) {
        return edit(line, node -> ((ObjectNode) node.get("payload")).remove(field));
    }

    private static void storage(List<Case> cases) {
        cases.add(new Case(
                "a file that is not SQLite", List.of("info"), null, 3, "not a SQLite database", Damage.NOT_SQLITE));
        cases.add(new Case(
                "a database cut inside its header",
                List.of("info"),
                null,
                3,
                "not a SQLite database",
                Damage.TRUNCATED_HEADER));
        cases.add(new Case(
                "a database cut in half", List.of("project", "list"), null, 3, "damaged", Damage.TRUNCATED_HALF));
        cases.add(new Case(
                "a database with damaged pages", List.of("thread", "list"), null, 3, "damaged", Damage.DAMAGED_PAGES));
        cases.add(new Case("a database from a newer schema", List.of("info"), null, 3, "newer", Damage.NEWER_SCHEMA));
        cases.add(new Case(
                "a SQLite database of another program",
                List.of("info"),
                null,
                3,
                "another program",
                Damage.OTHER_PROGRAM));
        cases.add(new Case(
                "a database path that is a directory",
                List.of("info"),
                null,
                3,
                "is a directory",
                Damage.DATABASE_IS_DIRECTORY));
        cases.add(new Case(
                "a data directory that cannot be created",
                List.of("init"),
                null,
                3,
                "cannot create the data directory",
                Damage.DIRECTORY_UNDER_FILE));
        cases.add(new Case(
                "a database locked past the timeout",
                List.of("settings", "set", "ui.theme", "light"),
                null,
                3,
                "locked",
                Damage.LOCKED));
    }

    // ---- running a case -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void a_bad_input_exits_with_its_code_and_sentence_and_leaves_the_store_as_it_was(Case c) throws Exception {
        Path data = temp.resolve("store");
        copy(template, data);
        Path db = data.resolve("threadline.db");
        Path file = temp.resolve("input.jsonl");
        if (c.file() != null) {
            Files.writeString(file, c.file(), StandardCharsets.UTF_8);
        }
        String before = export(data);
        byte[] damaged = damage(c.damage(), data, db);
        Path dataDir = c.damage() == Damage.DIRECTORY_UNDER_FILE ? db.resolve("store") : data;
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        for (String arg : c.args()) {
            args.add(arg.equals("{file}") ? file.toString() : fill(arg));
        }

        CliHarness.Run run;
        if (c.damage() == Damage.LOCKED) {
            try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement statement = holder.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
                run = CliHarness.run(Map.of("THREADLINE_BUSY_TIMEOUT_MS", "200"), "", args.toArray(String[]::new));
                statement.execute("ROLLBACK");
            }
        } else {
            run = CliHarness.run(Map.of(), "", args.toArray(String[]::new));
        }

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(c.exit());
        assertThat(run.err()).contains(c.fragment()).doesNotContain("\tat ");
        if (!run.err().contains("Usage:")) {
            assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        }
        if (c.damage() == Damage.DATABASE_IS_DIRECTORY) {
            assertThat(db).isEmptyDirectory();
        } else if (damaged != null) {
            assertThat(Files.readAllBytes(db))
                    .as("the damaged file was left untouched")
                    .isEqualTo(damaged);
        } else {
            assertThat(export(data)).as("the store is unchanged").isEqualTo(before);
        }
    }

    @Test
    void an_import_compares_times_as_instants_not_as_text() throws Exception {
        String time = "2026-11-24T10:00:00.123000Z";
        String line = edit(foreignLines.get(0), node -> {
            node.put("occurredAt", time);
            ((ObjectNode) node.get("payload")).put("at", time);
        });
        Path file = temp.resolve("padded.jsonl");
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
        String data = temp.resolve("store").toString();

        CliHarness.Run run = CliHarness.run("--data-dir", data, "import", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> exported =
                CliHarness.run("--data-dir", data, "export").out().lines().toList();
        assertThat(exported).singleElement().satisfies(stored -> {
            assertThat(JSON.readTree(stored).get("occurredAt").asText()).isEqualTo("2026-11-24T10:00:00.123Z");
            assertThat(JSON.readTree(stored).get("eventId").asText())
                    .isEqualTo(JSON.readTree(line).get("eventId").asText());
        });
    }

    @Test
    void export_refuses_a_log_with_undecodable_rows_and_leaves_no_file_while_events_lists_the_rest() throws Exception {
        Path data = temp.resolve("store");
        copy(template, data);
        Path good = temp.resolve("good.jsonl");
        CliHarness.Run fine = CliHarness.run("--data-dir", data.toString(), "export", "--out", good.toString());
        assertThat(fine.exitCode()).as(fine.err()).isZero();
        assertThat(Files.readAllLines(good)).isEqualTo(seededLines);
        long first = JSON.readTree(seededLines.get(seededLines.size() - 1))
                        .get("sequence")
                        .asLong()
                + 1;
        String type = JSON.readTree(seededLines.get(0)).get("type").asText();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("threadline.db"));
                Statement statement = plain.createStatement()) {
            statement.executeUpdate("INSERT INTO events (event_id, stream_id, stream_version, event_type, occurred_at,"
                    + " recorded_at, payload) VALUES ('" + java.util.UUID.randomUUID() + "', 'planted-1', 0, '"
                    + type + "', '2026-11-24T08:00:00Z', '2026-11-24T08:00:00Z', '{garbage')");
            statement.executeUpdate("INSERT INTO events (event_id, stream_id, stream_version, event_type, occurred_at,"
                    + " recorded_at, payload) VALUES ('" + java.util.UUID.randomUUID() + "', 'planted-2', 0,"
                    + " 'FutureEvent', '2026-11-24T08:00:00Z', '2026-11-24T08:00:00Z', '{}')");
        }
        Path out = temp.resolve("out.jsonl");
        Path existing = temp.resolve("existing.jsonl");
        Files.writeString(existing, "kept\n");

        CliHarness.Run toFile = CliHarness.run("--data-dir", data.toString(), "export", "--out", out.toString());
        CliHarness.Run overFile = CliHarness.run("--data-dir", data.toString(), "export", "--out", existing.toString());
        CliHarness.Run toStdout = CliHarness.run("--data-dir", data.toString(), "export");
        CliHarness.Run listing = CliHarness.run("--data-dir", data.toString(), "events");

        for (CliHarness.Run refused : List.of(toFile, overFile, toStdout)) {
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
            assertThat(refused.err())
                    .contains("2 stored row(s) cannot be decoded, the first at sequence " + first)
                    .contains("threadline doctor");
            assertThat(refused.err().lines().count()).as(refused.err()).isEqualTo(1);
        }
        assertThat(toStdout.out()).isEmpty();
        assertThat(out).doesNotExist();
        assertThat(existing).hasContent("kept");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("store", "good.jsonl", "existing.jsonl");
        }
        // A listing stays tolerant (an undecodable row is skipped and reported by doctor): it shows the rest.
        assertThat(listing.exitCode()).as(listing.err()).isZero();
        assertThat(listing.out()).contains(ids.get("project"));
    }

    private static String fill(String arg) {
        if (arg.equals("{seed-command}")) {
            return "seed-command";
        }
        String result = arg;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            result = result.replace("{" + id.getKey() + "}", id.getValue());
        }
        return result;
    }

    private static String export(Path data) {
        CliHarness.Run run = CliHarness.run("--data-dir", data.toString(), "export");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    private static byte[] damage(Damage damage, Path data, Path db) throws Exception {
        switch (damage) {
            case NONE, LOCKED -> {
                return null;
            }
            case DIRECTORY_UNDER_FILE -> {
                return Files.readAllBytes(db);
            }
            case NOT_SQLITE -> Files.writeString(db, "just some text\n");
            case TRUNCATED_HEADER -> Files.write(db, Arrays.copyOf(Files.readAllBytes(db), 10));
            case TRUNCATED_HALF -> {
                byte[] bytes = Files.readAllBytes(db);
                Files.write(db, Arrays.copyOf(bytes, bytes.length / 2));
            }
            case DAMAGED_PAGES -> {
                byte[] bytes = Files.readAllBytes(db);
                for (int i = 4096; i < bytes.length; i++) {
                    bytes[i] = (byte) (i * 31);
                }
                Files.write(db, bytes);
            }
            case NEWER_SCHEMA -> {
                try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                        Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                            + " script, checksum, installed_by, installed_on, execution_time, success)"
                            + " VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'test',"
                            + " CURRENT_TIMESTAMP, 0, 1)");
                }
            }
            case OTHER_PROGRAM -> {
                Files.delete(db);
                try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                        Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
                }
            }
            case DATABASE_IS_DIRECTORY -> {
                Files.delete(db);
                Files.createDirectory(db);
                return null;
            }
        }
        return Files.readAllBytes(db);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
