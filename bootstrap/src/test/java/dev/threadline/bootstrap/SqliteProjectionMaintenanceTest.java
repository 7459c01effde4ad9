package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.projection.ProjectionMaintenanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProjectionMaintenanceTest} on the SQLite-backed facade. */
class SqliteProjectionMaintenanceTest extends ProjectionMaintenanceTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }
}
