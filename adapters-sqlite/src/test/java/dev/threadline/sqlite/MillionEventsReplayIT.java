package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaying a million events runs in constant memory: a child JVM does it with a 64 MB heap. */
class MillionEventsReplayIT {

    @TempDir
    Path directory;

    @Test
    void a_million_events_are_appended_and_replayed_contiguously_with_a_64_mb_heap() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path out = directory.resolve("stdout.txt");
        Path err = directory.resolve("stderr.txt");
        Path data = Files.createDirectory(directory.resolve("data"));
        Process child = new ProcessBuilder(List.of(
                        java,
                        "-Xmx64m",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MillionEventsReplay.class.getName(),
                        data.toString()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();

        boolean finished = child.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly().waitFor();
        }

        assertThat(finished)
                .as("the child finished within 5 minutes; stderr: %s", read(err))
                .isTrue();
        assertThat(child.exitValue()).as("exit code; stderr: %s", read(err)).isZero();
        assertThat(read(out).strip()).isEqualTo(String.valueOf(MillionEventsReplay.EVENTS));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
