package dev.threadline.sqlite;

import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.application.projection.CatchUpTest;
import java.nio.file.Path;

/** {@link CatchUpTest} on a database file, opened again: positions are kept in the file. */
class SqliteCatchUpTest extends CatchUpTest {

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }
}
