package dev.threadline.application.port;

/**
 * Opens empty read-model stores of the live store's kind in scratch space, where a verification
 * rebuilds the read models to compare them with the live ones.
 *
 * <p>Concurrency: each scratch store is private to its opener and has transactions of its own,
 * independent of the live store's: opening one while holding a live transaction is allowed.
 */
public interface ScratchSpace {

    /** A new, empty store; closing it deletes it. */
    ScratchStore open();

    /** An empty read-model store in scratch space. */
    interface ScratchStore extends AutoCloseable {

        /** Its ports. */
        ProjectionStorage storage();

        /** Deletes it; a leftover temporary file is no failure. */
        @Override
        void close();
    }
}
