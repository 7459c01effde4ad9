package dev.threadline.bootstrap.commands;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.ThreadCommandsTest;
import dev.threadline.bootstrap.SqliteStoreUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link ThreadCommandsTest} on the SQLite-backed facade. */
class SqliteThreadCommandsTest extends ThreadCommandsTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }
}
