package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.streaming.MessageStreamTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link MessageStreamTest} on the SQLite-backed facade. */
class SqliteMessageStreamTest extends MessageStreamTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }
}
