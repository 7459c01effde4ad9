package dev.threadline.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.bootstrap.CliHarness;
import dev.threadline.bootstrap.Threadline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile text is data, never code; SQL is never concatenated; what Threadline creates is private. */
class SecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SQL = "Robert'); DROP TABLE events;-- \" OR 1=1 /* */ --end";
    static final String JSON_TEXT = "{\"type\":\"ProjectDeleted\",\"x\":[1,2]}\\u0000 \\\" }";
    static final String SHELL = "$(rm -rf ~) `reboot` ; | & > /dev/null *? ~ 'single' \"double\" \\ \t%s%n";
    static final String UNICODE = "naïve 🚀 \u202Eevil\u202C 日本語";

    @TempDir
    Path temp;

    @Test
    void names_and_texts_with_sql_json_and_shell_metacharacters_are_stored_and_shown_verbatim() throws IOException {
        String dir = temp.resolve("store").toString();
        List<String> hostile = List.of(SQL, JSON_TEXT, SHELL, UNICODE);
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            String text = hostile.get(i);
            String project = json(dir, "project", "create", "--name", text, "--path", "/src/" + i + "/" + text + "/p")
                    .get("projectId")
                    .asText();
            String thread = json(dir, "thread", "create", "--project", project, "--title", text, "--model", text)
                    .get("threadId")
                    .asText();
            json(dir, "turn", "start", "--thread", thread, "--prompt", text);
            json(dir, "message", "add", "--thread", thread, "--role", "assistant", "--text", text);
            assertThat(CliHarness.run("--data-dir", dir, "settings", "set", "hostile.value" + i, text)
                            .exitCode())
                    .isZero();
            threads.add(thread);
        }

        JsonNode projects = json(dir, "project", "list").get("projects");
        for (int i = 0; i < hostile.size(); i++) {
            String text = hostile.get(i);
            JsonNode thread = json(dir, "thread", "show", threads.get(i));
            assertThat(projects.findValuesAsText("name")).contains(text);
            assertThat(projects.findValuesAsText("path")).contains("/src/" + i + "/" + text + "/p");
            assertThat(thread.toString()).contains(JSON.writeValueAsString(text));
            assertThat(CliHarness.run("--data-dir", dir, "thread", "show", threads.get(i))
                            .out())
                    .contains(text);
            assertThat(CliHarness.run("--data-dir", dir, "settings", "get", "hostile.value" + i)
                            .out())
                    .isEqualTo(text + "\n");
        }
        assertThat(CliHarness.run("--data-dir", dir, "projections", "verify").exitCode())
                .isZero();
        try (Threadline store = Threadline.open(Path.of(dir))) {
            assertThat(store.events().lastSequence()).isEqualTo(hostile.size() * 6L);
        }
    }

    /**
     * What this proves, and no more: in every Threadline class on the classpath (every module's
     * production classes), no SQL text handed to JDBC, jOOQ's plain-SQL API or the SQLite adapter's
     * own statement helpers was concatenated in the method that hands it over, directly or through a
     * local variable. Text built in another method or kept in a field is not followed; the
     * adapters build such text from jOOQ's generated table and field names only.
     */
    @Test
    void no_module_concatenates_sql_text_in_the_method_that_hands_it_to_jdbc_or_jooq() throws Exception {
        List<String> violations = new ArrayList<>();
        Set<String> scannedPackages = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path location = Path.of(entry);
            if (location.endsWith("test-classes") || location.toString().endsWith("-tests.jar")) {
                continue; // test fixtures, such as the planted violation below
            }
            if (Files.isDirectory(location.resolve("dev/threadline"))) {
                try (Stream<Path> files = Files.walk(location.resolve("dev/threadline"))) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        scannedPackages.add(packageOf(location.relativize(file).toString()));
                        try (InputStream in = Files.newInputStream(file)) {
                            violations.addAll(SqlTextScanner.violations(in));
                        }
                    }
                }
            } else if (location.toString().endsWith(".jar") && Files.isRegularFile(location)) {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (JarEntry file : Collections.list(jar.entries())) {
                        if (file.getName().startsWith("dev/threadline/")
                                && file.getName().endsWith(".class")) {
                            scannedPackages.add(packageOf(file.getName()));
                            try (InputStream in = jar.getInputStream(file)) {
                                violations.addAll(SqlTextScanner.violations(in));
                            }
                        }
                    }
                }
            }
        }
        assertThat(scannedPackages)
                .contains(
                        "dev.threadline.sqlite",
                        "dev.threadline.bootstrap",
                        "dev.threadline.cli",
                        "dev.threadline.git");
        assertThat(violations).isEmpty();
    }

    private static String packageOf(String classFile) {
        return classFile.substring(0, classFile.lastIndexOf('/')).replace('/', '.');
    }

    @Test
    void the_concatenation_check_reports_a_planted_violation() throws IOException {
        String resource = "/" + PlantedConcatenation.class.getName().replace('.', '/') + ".class";
        try (InputStream in = SecurityTest.class.getResourceAsStream(resource)) {
            assertThat(SqlTextScanner.violations(in))
                    .hasSize(2)
                    .allSatisfy(v -> assertThat(v).contains("java/sql/Statement.executeQuery"));
        }
    }

    @Test
    void the_files_and_directories_threadline_creates_are_owner_only() throws IOException {
        Path data = temp.resolve("deep/er/store");
        String dir = data.toString();
        assertThat(CliHarness.run("--data-dir", dir, "demo").exitCode()).isZero();
        Path export = temp.resolve("export.jsonl");
        Path backup = temp.resolve("backup.db");
        assertThat(CliHarness.run("--data-dir", dir, "export", "--out", export.toString())
                        .exitCode())
                .isZero();
        assertThat(CliHarness.run("--data-dir", dir, "backup", backup.toString())
                        .exitCode())
                .isZero();

        Set<PosixFilePermission> ownerOnlyDirectory = Set.of(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        Set<PosixFilePermission> ownerOnlyFile =
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        for (Path created : List.of(temp.resolve("deep"), temp.resolve("deep/er"), data)) {
            assertThat(Files.getPosixFilePermissions(created))
                    .as(created.toString())
                    .isEqualTo(ownerOnlyDirectory);
        }
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : Stream.concat(files, Stream.of(export, backup)).toList()) {
                assertThat(Files.getPosixFilePermissions(file))
                        .as(file.toString())
                        .isEqualTo(Files.isDirectory(file) ? ownerOnlyDirectory : ownerOnlyFile);
            }
        }
    }

    private static JsonNode json(String dir, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir, "--json"));
        all.addAll(List.of(args));
        CliHarness.Run run = CliHarness.run(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }
}
