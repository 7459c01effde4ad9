package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import java.nio.file.Path;

/** The SQLite-backed facade behind the surface the application's behaviour tests drive. */
public final class SqliteStoreUnderTest extends StoreUnderTest {

    /** The facade's parts as the behaviour tests drive them; closing this closes the facade. */
    public SqliteStoreUnderTest(Threadline threadline) {
        super(
                threadline.commands(),
                threadline.queries(),
                threadline.projections(),
                threadline.events(),
                threadline::inTransaction,
                threadline::subscribe,
                threadline::streamMessage,
                threadline::close);
    }

    /** Stores on the database in a data directory. */
    public static Stores in(Path dataDirectory) {
        Threadline.Options defaults = Threadline.Options.defaults();
        return options -> new SqliteStoreUnderTest(Threadline.open(
                dataDirectory,
                new Threadline.Options(
                        defaults.sqlite(), options.coalescing(), defaults.pollInterval(), options.clock())));
    }
}
