package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listing of threads, the command a user runs most, opens the store and reads it with fixed
 * statements: its JVM loads no class of jOOQ (whose set-up and first rendering cost a third of such
 * a run) and none of Flyway (the schema is current). Each listing runs in a child JVM on this test
 * run's classpath, which holds both, and logs the classes it loads.
 */
class ReadOnlyStartupTest {

    @TempDir
    Path temp;

    private Path store() {
        return temp.resolve("store");
    }

    private CliHarness.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", store().toString()));
        all.addAll(Arrays.asList(args));
        CliHarness.Run run = CliHarness.run(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    /** What a command line printed, and the names of the classes its JVM loaded. */
    private record Loaded(String out, List<String> classes) {}

    private Loaded inChildJvm(String... args) throws Exception {
        Path log = Files.createTempFile(temp, "classes", ".log");
        Path err = Files.createTempFile(temp, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xshare:off", // every class is then loaded from its jar, and so logged with its origin
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--data-dir",
                store().toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.environment().remove("THREADLINE_DATABASE");
        builder.environment().put("THREADLINE_HOME", temp.resolve("home").toString());
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(err)).isZero();
        List<String> classes = Files.readAllLines(log).stream()
                .map(line -> line.substring(line.indexOf("] ") + 2).split(" ")[0])
                .toList();
        return new Loaded(out, classes);
    }

    @Test
    void listing_threads_loads_no_class_of_jooq_or_flyway() throws Exception {
        String project = run("project", "create", "--name", "Shop", "--path", "/src/shop")
                .out()
                .strip();
        run("thread", "create", "--project", project, "--title", "Kept");
        String archived = run("thread", "create", "--project", project, "--title", "Put away")
                .out()
                .strip();
        run("thread", "archive", archived);

        for (String[] listing : List.of(
                new String[] {"thread", "list"},
                new String[] {"thread", "list", "--project", project, "--archived", "--deleted"},
                new String[] {"--json", "thread", "list"})) {
            Loaded loaded = inChildJvm(listing);
            assertThat(loaded.out()).as(String.join(" ", listing)).contains("Kept");
            assertThat(loaded.classes())
                    .as("the class log of " + String.join(" ", listing))
                    .contains("dev.threadline.sqlite.SqliteReadModels");
            assertThat(loaded.classes())
                    .as("classes loaded by " + String.join(" ", listing))
                    .noneMatch(name -> name.startsWith("org.jooq.") || name.startsWith("org.flywaydb."));
        }
    }
}
