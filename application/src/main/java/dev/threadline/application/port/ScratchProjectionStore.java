package dev.threadline.application.port;

/** An empty projection store in scratch space, with its own transactions; closing deletes it. */
public interface ScratchProjectionStore extends AutoCloseable {

    /** The store. */
    ProjectionStore store();

    /** Its transactions. */
    Transactions transactions();

    @Override
    void close();
}
