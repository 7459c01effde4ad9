package dev.threadline.application.port;

import dev.threadline.domain.store.EventStore;

/**
 * What a storage adapter hands the port contracts: its ports on one fresh, empty store, and a
 * way to open scratch stores of the same kind.
 *
 * @param events the event log
 * @param projections the read-model ports and the transactions
 * @param receipts the command receipts
 * @param maintenance the store's maintenance
 * @param scratch scratch stores of the same kind
 * @param close releases the store
 */
public record StorageUnderTest(
        EventStore events,
        ProjectionStorage projections,
        CommandReceipts receipts,
        Maintenance maintenance,
        ScratchSpace scratch,
        AutoCloseable close) {

    /** The in-memory fake's ports. */
    public static StorageUnderTest inMemory() {
        return inMemory(new InMemoryStorage());
    }

    /** The ports of an in-memory fake, opened again on what it holds. */
    public static StorageUnderTest inMemory(InMemoryStorage storage) {
        return new StorageUnderTest(
                storage, storage.projectionStorage(), storage, storage, InMemoryStorage.scratchSpace(), () -> {});
    }

    /** The transactions. */
    public Transactions transactions() {
        return projections.transactions();
    }
}
