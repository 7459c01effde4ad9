package dev.threadline.bootstrap.commands;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.importing.ImportCommandIdsTest;
import dev.threadline.bootstrap.PostgresStores;
import dev.threadline.postgres.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImportCommandIdsTest} on the facade over PostgreSQL. */
@ExtendWith(TestServer.class)
class PostgresImportCommandIdsTest extends ImportCommandIdsTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return PostgresStores.in(getClass(), dir);
    }
}
