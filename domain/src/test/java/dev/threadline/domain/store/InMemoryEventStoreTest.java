package dev.threadline.domain.store;

class InMemoryEventStoreTest extends EventStoreContract {

    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}
