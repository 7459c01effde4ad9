package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.streaming.MessageStreamTest;
import dev.threadline.postgres.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link MessageStreamTest} on the facade over PostgreSQL. */
@ExtendWith(TestServer.class)
class PostgresMessageStreamTest extends MessageStreamTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return PostgresStores.in(getClass(), dir);
    }
}
