package dev.threadline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** How the command line reaches a store; the composition root supplies it. */
public interface StoreAccess {

    /**
     * Opens (creating when absent) the store in a data directory.
     *
     * @throws dev.threadline.domain.error.StorageFailure when it cannot be opened
     */
    Session open(Path dataDirectory);

    /** The data directory used when none is given. */
    Path defaultDataDirectory();

    /**
     * Runs the benchmark scenarios on a scratch store in a temporary directory, beside a raw JDBC
     * baseline, and deletes it afterwards.
     *
     * @param events the size of the large scenarios
     * @param progress told what is being measured
     */
    default List<BenchResult> bench(int events, Consumer<String> progress) {
        throw new UnsupportedOperationException("this store access cannot run the benchmark");
    }
}
