package dev.threadline.benchmark;

import dev.threadline.sqlite.SqliteOptions;
import java.nio.file.Path;

/** Opens the store under test. */
@FunctionalInterface
public interface StoreFactory {

    /**
     * Opens (creating) a store in an empty scratch directory, with the same SQLite settings as the
     * baseline it is measured beside.
     */
    BenchmarkedStore open(Path directory, SqliteOptions sqlite);
}
