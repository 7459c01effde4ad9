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

    /** The data directory used when none is given. */
    Path defaultDataDirectory();
}
