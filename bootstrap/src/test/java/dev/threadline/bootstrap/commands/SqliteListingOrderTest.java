package dev.threadline.bootstrap.commands;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.ListingOrderTest;
import dev.threadline.bootstrap.SqliteStoreUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link ListingOrderTest} on the SQLite-backed facade. */
class SqliteListingOrderTest extends ListingOrderTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }
}
