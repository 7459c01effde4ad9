package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.subscription.SubscriptionsTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link SubscriptionsTest} on the SQLite-backed facade. */
class SqliteSubscriptionsTest extends SubscriptionsTest {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest.Stores stores() {
        return SqliteStoreUnderTest.in(dir);
    }
}
