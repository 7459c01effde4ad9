package dev.threadline.bootstrap.commands;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.CheckpointCommandsTest;
import dev.threadline.bootstrap.SqliteStoreUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link CheckpointCommandsTest} on the SQLite-backed facade. */
class SqliteCheckpointCommandsTest extends CheckpointCommandsTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }
}
