package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code usage} and {@code compact} in process, on a real store in a temporary directory. */
class StorageCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private CliHarness.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        return CliHarness.run(Map.of(), "", all.toArray(String[]::new));
    }

    private String thread(String project, String title, String text) {
        String thread = run("thread", "create", "--project", project, "--title", title)
                .out()
                .strip();
        run("turn", "start", "--thread", thread, "--prompt", text);
        run("turn", "complete", "--thread", thread);
        return thread;
    }

    @Test
    void usage_names_the_largest_threads_and_projects_and_writes_nothing() throws Exception {
        String project = run("project", "create", "--name", "Shop", "--path", "/src/shop")
                .out()
                .strip();
        String small = thread(project, "small", "hi");
        // Under the size past which a payload is stored compressed, so the thread's bytes hold it whole.
        String large = thread(project, "large", "x".repeat(800));
        Path file = dataDir.resolve("threadline.db");
        long bytes = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        String lastSequence =
                JSON.readTree(run("--json", "info").out()).get("lastSequence").asText();
        Thread.sleep(20); // a write would now move the modification time

        CliHarness.Run usage = run("usage", "--json", "--top", "1");
        CliHarness.Run text = run("usage");

        assertThat(usage.exitCode()).as(usage.err()).isZero();
        JsonNode report = JSON.readTree(usage.out());
        assertThat(report.get("bytes").asLong()).isPositive();
        assertThat(report.get("freeBytes").asLong()).isNotNegative();
        assertThat(report.get("availableBytes").asLong()).isPositive();
        assertThat(report.get("events").asText()).isEqualTo(lastSequence);
        assertThat(report.get("tables").findValuesAsText("name")).contains("events", "projection_messages");
        assertThat(report.get("threads")).hasSize(1);
        assertThat(report.get("threads").get(0).get("threadId").asText()).isEqualTo(large);
        assertThat(report.get("threads").get(0).get("title").asText()).isEqualTo("large");
        assertThat(report.get("threads").get(0).get("bytes").asLong()).isGreaterThan(800);
        assertThat(report.get("projects").get(0).get("projectId").asText()).isEqualTo(project);
        assertThat(report.get("projects").get(0).get("threads").asLong()).isEqualTo(2);
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("TABLE", "THREAD", "PROJECT", large, small, "Shop");
        assertThat(Files.size(file)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
        assertThat(JSON.readTree(run("--json", "info").out())
                        .get("lastSequence")
                        .asText())
                .isEqualTo(lastSequence);
    }

    @Test
    void a_negative_top_is_a_usage_error() {
        run("init");

        CliHarness.Run usage = run("usage", "--top", "-1");

        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("--top").doesNotContain("Exception");
    }

    @Test
    void compact_prints_the_size_before_and_after() throws Exception {
        String project = run("project", "create", "--name", "Shop", "--path", "/src/shop")
                .out()
                .strip();
        thread(project, "t", "hello");

        CliHarness.Run compact = run("compact", "--json");
        CliHarness.Run text = run("compact");

        assertThat(compact.exitCode()).as(compact.err()).isZero();
        JsonNode result = JSON.readTree(compact.out());
        assertThat(result.get("bytesBefore").asLong()).isPositive();
        assertThat(result.get("bytesAfter").asLong())
                .isBetween(1L, result.get("bytesBefore").asLong());
        assertThat(result.get("reclaimedBytes").asLong())
                .isEqualTo(result.get("bytesBefore").asLong()
                        - result.get("bytesAfter").asLong());
        assertThat(text.out()).contains("before", "after");
        assertThat(run("--json", "doctor").exitCode()).isZero();
    }
}
