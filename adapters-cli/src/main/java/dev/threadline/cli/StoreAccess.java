package dev.threadline.cli;

import java.nio.file.Path;

/** How the command line reaches a store; the composition root supplies it. */
public interface StoreAccess {

    /**
     * Opens (creating when absent) the store in a data directory.
     *
     * @throws dev.threadline.domain.error.StorageFailure when it cannot be opened
     */
    Session open(Path dataDirectory);

    /**
     * Opens the store a database URL names (a PostgreSQL database), keeping what is local to this
     * machine in the data directory; null means the default: the environment's database, else the
     * SQLite file in the data directory.
     *
     * @throws dev.threadline.domain.error.InvalidInput when the URL is not one the store reads
     * @throws dev.threadline.domain.error.StorageFailure when it cannot be opened
     */
    default Session open(Path dataDirectory, String database) {
        if (database != null) {
            throw new dev.threadline.domain.error.InvalidInput("this build opens no --database");
        }
        return open(dataDirectory);
    }

    /** The data directory used when none is given. */
    Path defaultDataDirectory();
}
