package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code projections rebuild} and {@code compact} under a command id, through the command line. */
class UpkeepCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private CliHarness.Run run(String... args) {
        List<String> all =
                new ArrayList<>(List.of("--data-dir", temp.resolve("data").toString()));
        all.addAll(List.of(args));
        return CliHarness.run(all.toArray(String[]::new));
    }

    private long lastSequence() throws IOException {
        return JSON.readTree(run("--json", "info").out()).get("lastSequence").asLong();
    }

    @Test
    void a_rebuild_repeated_under_its_command_id_prints_the_first_result() throws IOException {
        run("project", "create", "--name", "Shop", "--path", "/src/shop");
        CliHarness.Run first = run("--json", "projections", "rebuild", "--command-id", "rebuild-1");
        run("settings", "set", "a.b", "c");
        long last = lastSequence();

        CliHarness.Run again = run("--json", "projections", "rebuild", "--command-id", "rebuild-1");
        CliHarness.Run asCompact = run("compact", "--command-id", "rebuild-1");
        CliHarness.Run blank = run("projections", "rebuild", "--command-id", "");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(JSON.readTree(first.out()).get("applied").asLong()).isEqualTo(1);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(asCompact.exitCode()).isEqualTo(1);
        assertThat(asCompact.err().strip())
                .isEqualTo("threadline: command id 'rebuild-1' was already used for another command"
                        + " (RebuildProjections).");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("--command-id must not be blank");
        assertThat(lastSequence()).isEqualTo(last);
        assertThat(run("projections", "verify").exitCode()).isZero();
    }

    @Test
    void a_compaction_repeated_under_its_command_id_prints_the_first_sizes() throws IOException {
        run("project", "create", "--name", "Shop", "--path", "/src/shop");
        CliHarness.Run first = run("--json", "compact", "--command-id", "compact-1");
        run("settings", "set", "a.b", "c");
        long last = lastSequence();

        CliHarness.Run again = run("--json", "compact", "--command-id", "compact-1");
        CliHarness.Run asRebuild = run("projections", "rebuild", "--command-id", "compact-1");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(asRebuild.exitCode()).isEqualTo(1);
        assertThat(lastSequence()).isEqualTo(last);
    }
}
