package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written to a full disk: {@code thread purge --archive-to}, {@code export --out} and {@code
 * backup} each fail with exit 3 and one sentence, leave no half-written file, and change nothing in
 * the store. The command runs in a child process in a private mount namespace ({@code unshare
 * -rm}, which maps the user to root in a user namespace, so no privileges are needed) where a 64 KiB
 * tmpfs, filled to the last byte, is mounted on the target directory.
 */
class FullDiskCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Mounts a tmpfs on $0, fills it, runs the rest, lists what is left in it on stdout, exits as it did. */
    private static final String FULL_DISK_SCRIPT = "mount -t tmpfs -o size=64k tmpfs \"$0\" || exit 97;"
            + " dd if=/dev/zero of=\"$0/filler\" bs=4k 2>/dev/null; \"$@\"; code=$?;"
            + " echo; echo left:; ls -A \"$0\"; exit $code";

    @TempDir
    Path temp;

    private Path full;
    private String thread;

    private CliHarness.Run run(String... args) {
        List<String> all =
                new ArrayList<>(List.of("--data-dir", temp.resolve("data").toString()));
        all.addAll(List.of(args));
        return CliHarness.run(all.toArray(String[]::new));
    }

    @BeforeEach
    void anArchivedThread() throws IOException {
        String project = run("project", "create", "--name", "Shop", "--path", "/src/shop")
                .out()
                .strip();
        thread = run("thread", "create", "--project", project, "--title", "Fix login")
                .out()
                .strip();
        run("turn", "start", "--thread", thread, "--prompt", "Why?");
        run("message", "add", "--thread", thread, "--role", "assistant", "--text", "The cookie. ".repeat(200));
        run("turn", "complete", "--thread", thread);
        assertThat(run("thread", "archive", thread).exitCode()).isZero();
        full = Files.createDirectory(temp.resolve("full"));
    }

    /** What the command printed and left in the full directory. */
    private record Outcome(int exitCode, String out, String err, List<String> left) {}

    /** Runs the command line in a child JVM whose {@code full} directory is a full tmpfs. */
    private Outcome onFullDisk(String... args) throws Exception {
        Path unshare = onPath("unshare");
        if (unshare == null) {
            fail("this test needs util-linux's unshare on the PATH (with user namespaces enabled) to mount a"
                    + " small tmpfs in a private mount namespace");
        }
        List<String> command = new ArrayList<>(List.of(
                unshare.toString(),
                "-rm",
                "sh",
                "-c",
                FULL_DISK_SCRIPT,
                full.toString(),
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--data-dir",
                temp.resolve("data").toString()));
        command.addAll(Arrays.asList(args));
        Path err = temp.resolve("err.txt");
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String error = Files.readString(err);
        if (child.exitValue() == 97) {
            fail("this test needs to mount a tmpfs in a user and mount namespace (unshare -rm): " + error);
        }
        int at = out.lastIndexOf("\nleft:\n");
        assertThat(at).as("the script's listing; stderr: " + error).isNotNegative();
        List<String> left = out.substring(at + "\nleft:\n".length()).lines().toList();
        return new Outcome(child.exitValue(), out.substring(0, at), error, left);
    }

    private static Path onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private long lastSequence() throws IOException {
        return JSON.readTree(run("--json", "info").out()).get("lastSequence").asLong();
    }

    private static void assertOneSentence(Outcome outcome, String file) {
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(3);
        assertThat(outcome.err().strip())
                .startsWith("threadline: ")
                .contains(file)
                .matches("(?s).*(is full|no space left).*")
                .doesNotContain("\n")
                .doesNotContain("Exception");
        assertThat(outcome.left()).as("what the failed write left behind").containsExactly("filler");
    }

    @Test
    void a_purge_whose_archive_does_not_fit_exits_3_and_removes_nothing() throws Exception {
        long last = lastSequence();
        String archive = full.resolve("archive.jsonl").toString();

        Outcome purge = onFullDisk("thread", "purge", thread, "--archive-to", archive);

        assertThat(purge.exitCode()).as(purge.err()).isEqualTo(3);
        assertThat(purge.err().strip()).isEqualTo("threadline: cannot write " + archive + ": no space left on device.");
        assertThat(purge.left()).as("what the failed write left behind").containsExactly("filler");
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(run("thread", "show", thread).exitCode()).isZero();
        assertThat(run("--json", "doctor").exitCode()).isZero();
    }

    @Test
    void an_export_that_does_not_fit_exits_3_and_leaves_no_file() throws Exception {
        Outcome export =
                onFullDisk("export", "--out", full.resolve("export.jsonl").toString());

        assertOneSentence(export, full.resolve("export.jsonl").toString());
    }

    @Test
    void a_backup_that_does_not_fit_exits_3_and_leaves_no_file() throws Exception {
        long last = lastSequence();

        Outcome backup = onFullDisk("backup", full.resolve("backup.db").toString());

        assertOneSentence(backup, full.resolve("backup.db").toString());
        assertThat(lastSequence()).isEqualTo(last);
    }
}
