package dev.threadline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Which build this program is: its version, the commit it was built from and when, as the build
 * wrote them into {@code threadline-build.properties}. A value the build could not know (a source
 * tree without git, a resource left unfiltered) reads {@value #UNKNOWN}.
 */
record BuildInfo(String version, String commit, String builtAt) {

    static final String UNKNOWN = "unknown";
    private static final String RESOURCE = "threadline-build.properties";

    static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return of(properties);
    }

    static BuildInfo of(Properties properties) {
        return new BuildInfo(value(properties, "version"), value(properties, "commit"), value(properties, "builtAt"));
    }

    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        // An unfiltered "${...}" is not a value.
        return value.isEmpty() || value.contains("${") ? UNKNOWN : value;
    }

    /** The line {@code threadline --version} prints. */
    String versionLine() {
        return "threadline " + version + " (commit " + commit + ", built " + builtAt + ")";
    }

    /** picocli's source for {@code --version}. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {current().versionLine()};
        }
    }
}
