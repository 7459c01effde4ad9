package dev.threadline.application.port;

import dev.threadline.domain.store.EventStore;
import dev.threadline.domain.store.EventStoreContract;

class InMemoryEventStoreContractTest extends EventStoreContract {

    @Override
    protected EventStore newStore() {
        return new InMemoryStorage();
    }
}
