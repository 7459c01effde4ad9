package dev.threadline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the store lives when no directory is given, and what an empty one means. */
class DataDirectoryTest {

    @Test
    void threadline_home_comes_first_then_xdg_data_home_then_home() {
        assertThat(Threadline.defaultDataDirectory(
                        Map.of("THREADLINE_HOME", "/t", "XDG_DATA_HOME", "/x", "HOME", "/h")))
                .isEqualTo(Path.of("/t"));
        assertThat(Threadline.defaultDataDirectory(Map.of("XDG_DATA_HOME", "/x", "HOME", "/h")))
                .isEqualTo(Path.of("/x/threadline"));
        assertThat(Threadline.defaultDataDirectory(Map.of("HOME", "/h")))
                .isEqualTo(Path.of("/h/.local/share/threadline"));
    }

    @Test
    void without_home_the_accounts_home_directory_is_used() {
        assertThat(Threadline.defaultDataDirectory(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "share", "threadline"));
    }

    @Test
    void an_empty_data_dir_is_a_usage_error_not_the_working_directory() {
        CliHarness.Run run = CliHarness.run("--data-dir", "", "info");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--data-dir needs a directory");
        assertThat(Path.of("threadline.db")).doesNotExist();
    }
}
