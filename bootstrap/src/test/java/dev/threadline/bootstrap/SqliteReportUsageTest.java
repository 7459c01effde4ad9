package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.usage.ReportUsageTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReportUsageTest} on the SQLite-backed facade. */
class SqliteReportUsageTest extends ReportUsageTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }
}
