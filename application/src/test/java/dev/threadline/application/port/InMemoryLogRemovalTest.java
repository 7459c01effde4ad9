package dev.threadline.application.port;

import java.nio.file.Path;

class InMemoryLogRemovalTest extends LogRemovalContract {

    private InMemoryStorage store;

    @Override
    protected StorageUnderTest open(Path directory) {
        store = new InMemoryStorage();
        return new StorageUnderTest(
                store, store.projectionStorage(), store, store, InMemoryStorage.scratchSpace(), () -> {});
    }

    @Override
    protected LogRemoval removal() {
        return store;
    }

    @Override
    protected long plantUndecodable(String streamId, String type, String payload) {
        return store.plantUndecodable(streamId, type, payload);
    }
}
