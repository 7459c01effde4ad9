package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.benchmark.Benchmark;
import dev.threadline.cli.ThreadlineCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench} runs on a tiny N and reports every scenario; its timings are never asserted. */
class BenchCommandTest {

    /** The scenarios {@code bench} declares; {@link #every_scenario_is_documented} ties them to the docs. */
    private static final List<String> SCENARIOS = Benchmark.SCENARIOS;

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ThreadlineCli.run(
                ThreadlineSession.ACCESS,
                ThreadlineBench.RUNNER,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                args);
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The JSON objects {@code bench --json} printed, one a line, after checking that they name the
     * given scenarios in order, each with positive figures and its verdict.
     */
    static List<JsonNode> results(String jsonLines, List<String> scenarios) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : jsonLines.strip().split("\n")) {
            objects.add(new ObjectMapper().readTree(line));
        }
        assertThat(objects).extracting(node -> node.get("scenario").asText()).containsExactlyElementsOf(scenarios);
        assertThat(objects).allSatisfy(node -> {
            assertThat(node.get("threadline").asDouble()).isPositive();
            assertThat(node.get("baseline").asDouble()).isPositive();
            assertThat(node.has("met")).isTrue();
        });
        return objects;
    }

    @Test
    void bench_prints_every_scenario_as_a_table_and_as_json_objects() throws IOException {
        String table = run("bench", "--events", "1000");
        assertThat(table).contains("SCENARIO", "RAW JDBC", "RATIO", "TARGET");
        for (String scenario : SCENARIOS) {
            assertThat(table).contains(scenario);
        }

        List<JsonNode> objects = results(run("--json", "bench", "--events", "1000"), SCENARIOS);
        JsonNode streamed = objects.get(SCENARIOS.indexOf("streamed-answer"));
        assertThat(streamed.get("detail").asText()).contains("text exact");
    }

    @Test
    void every_scenario_is_documented() throws IOException {
        String performance = Files.readString(Path.of("..", "docs", "performance.md"));

        assertThat(SCENARIOS)
                .isNotEmpty()
                .allSatisfy(scenario -> assertThat(performance).contains("`" + scenario + "`"));
    }

    @Test
    void a_named_scenario_runs_alone_and_an_unknown_name_is_refused() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : run("--json", "bench", "--events", "1000", "--scenario", "replay")
                .strip()
                .split("\n")) {
            objects.add(new ObjectMapper().readTree(line));
        }
        assertThat(objects).extracting(node -> node.get("scenario").asText()).containsExactly("replay");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ThreadlineCli.run(
                ThreadlineSession.ACCESS,
                ThreadlineBench.RUNNER,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "bench",
                "--events",
                "1000",
                "--scenario",
                "nonsense");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown scenario 'nonsense'");
    }
}
