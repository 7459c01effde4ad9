package dev.threadline.bootstrap.commands;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.importing.ImportCommandIdsTest;
import dev.threadline.bootstrap.SqliteStoreUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImportCommandIdsTest} on the SQLite-backed facade. */
class SqliteImportCommandIdsTest extends ImportCommandIdsTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }
}
