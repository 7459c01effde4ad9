package dev.threadline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    /** The pattern of a value the build wrote: the commit, else "unknown" when built without git. */
    static final String COMMIT = "[0-9a-f]{7,40}(-dirty)?|unknown";

    static final String INSTANT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @Test
    void the_build_wrote_its_version_commit_and_time() {
        BuildInfo build = BuildInfo.current();

        assertThat(build.version()).isEqualTo(System.getProperty("threadline.version"));
        assertThat(build.commit()).matches(COMMIT);
        assertThat(build.builtAt()).matches(INSTANT);
    }

    @Test
    void values_left_unfiltered_or_absent_read_unknown() {
        Properties properties = new Properties();
        properties.setProperty("version", "${project.version}");
        properties.setProperty("commit", " ");

        BuildInfo build = BuildInfo.of(properties);

        assertThat(build).isEqualTo(new BuildInfo("unknown", "unknown", "unknown"));
    }

    @Test
    void the_version_line_names_version_commit_and_build_time() {
        BuildInfo build = new BuildInfo("1.2.3", "0123456789ab", "2026-11-30T12:00:00Z");

        assertThat(build.versionLine()).isEqualTo("threadline 1.2.3 (commit 0123456789ab, built 2026-11-30T12:00:00Z)");
    }
}
