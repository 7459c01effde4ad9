package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.postgres.PostgresLocation;
import dev.threadline.postgres.TestServer;
import java.nio.file.Path;

/**
 * The facade on a PostgreSQL schema of a test class's scratch database, behind the surface the
 * application's behaviour tests drive (the same surface as on SQLite).
 */
public final class PostgresStores {

    private PostgresStores() {}

    /** A fresh schema of the test class's scratch database, named after the data directory. */
    public static PostgresLocation location(Class<?> testClass, Path dataDirectory) {
        return TestServer.database(testClass)
                .withSchema("s_"
                        + Integer.toHexString(
                                dataDirectory.toAbsolutePath().toString().hashCode()));
    }

    /** Stores on that schema, with the local files in the data directory. */
    public static StoreUnderTest.Stores in(Class<?> testClass, Path dataDirectory) {
        String url = location(testClass, dataDirectory).url();
        Threadline.Options defaults = Threadline.Options.defaults();
        return options -> new SqliteStoreUnderTest(Threadline.open(
                dataDirectory,
                url,
                new Threadline.Options(
                        defaults.sqlite(), options.coalescing(), defaults.pollInterval(), options.clock())));
    }
}
