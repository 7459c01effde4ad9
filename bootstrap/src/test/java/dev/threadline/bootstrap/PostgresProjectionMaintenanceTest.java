package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.projection.ProjectionMaintenanceTest;
import dev.threadline.postgres.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProjectionMaintenanceTest} on the facade over PostgreSQL. */
@ExtendWith(TestServer.class)
class PostgresProjectionMaintenanceTest extends ProjectionMaintenanceTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return PostgresStores.in(getClass(), dir);
    }
}
