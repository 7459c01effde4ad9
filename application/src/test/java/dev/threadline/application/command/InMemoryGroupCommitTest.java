package dev.threadline.application.command;

import dev.threadline.application.port.StorageUnderTest;
import java.nio.file.Path;

class InMemoryGroupCommitTest extends GroupCommitContract {

    @Override
    protected StorageUnderTest open(Path directory) {
        return StorageUnderTest.inMemory();
    }
}
