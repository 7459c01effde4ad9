package dev.threadline.bootstrap.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.HistoryCommandsTest;
import dev.threadline.bootstrap.CliHarness;
import dev.threadline.bootstrap.SqliteStoreUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HistoryCommandsTest} on the SQLite-backed facade, and the search command line. */
class SqliteHistoryCommandsTest extends HistoryCommandsTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }

    @Test
    void the_command_line_refuses_an_empty_query_or_one_of_only_separators_with_exit_2() {
        String dataDir = dir.toString();
        store.close();
        CliHarness.Run empty = CliHarness.run("--data-dir", dataDir, "search", "");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("a search needs a query");
        CliHarness.Run separators = CliHarness.run("--data-dir", dataDir, "search", "::() <> --");
        assertThat(separators.exitCode()).isEqualTo(2);
        assertThat(separators.err().strip())
                .endsWith(".")
                .contains("holds no word to search for")
                .doesNotContain("\n");
        CliHarness.Run found = CliHarness.run("--data-dir", dataDir, "--json", "search", "answer", "--limit", "2");
        assertThat(found.exitCode()).isZero();
        assertThat(found.out().strip().split("\n"))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"snippet\"", "\"score\"", "[answer]"));
        store = stores.open();
    }

    @Test
    void the_command_line_refuses_a_search_filter_naming_no_thread_or_project_with_exit_1() {
        String dataDir = dir.toString();
        store.close();
        String unknown = "00000000-0000-7000-8000-000000000000";
        CliHarness.Run thread = CliHarness.run("--data-dir", dataDir, "search", "answer", "--thread", unknown);
        CliHarness.Run project = CliHarness.run("--data-dir", dataDir, "search", "answer", "--project", unknown);
        store = stores.open();

        assertThat(thread.exitCode()).as(thread.err()).isEqualTo(1);
        assertThat(thread.err().strip()).isEqualTo("threadline: no thread has id " + unknown + ".");
        assertThat(thread.out()).isEmpty();
        assertThat(project.exitCode()).as(project.err()).isEqualTo(1);
        assertThat(project.err().strip()).isEqualTo("threadline: no project has id " + unknown + ".");
    }
}
