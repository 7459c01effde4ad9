package dev.threadline.bootstrap.commands;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.lifecycle.LifecycleCommandIdsTest;
import dev.threadline.bootstrap.SqliteStoreUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link LifecycleCommandIdsTest} on the SQLite-backed facade. */
class SqliteLifecycleCommandIdsTest extends LifecycleCommandIdsTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }
}
