package dev.threadline.domain.error;

/** The storage could not do its part; nothing of the failed operation was stored. */
public final class StorageFailure extends ThreadlineException {

    private static final long serialVersionUID = 1L;

    /** Why the storage failed. */
    public enum Reason {
        /** The store cannot be opened or created (missing permissions, read-only place). */
        UNAVAILABLE,
        /** Another process held the lock past the busy timeout. */
        LOCKED,
        /** The file is not a database of this kind, or is damaged. */
        CORRUPT,
        /** The database was written by a newer version of the program. */
        SCHEMA_TOO_NEW,
        /** An event could not be encoded for storage. */
        ENCODING,
        /** Any other failure of the storage engine. */
        FAILED
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message one sentence a person can act on
     * @param cause the engine's own error, or null
     */
    public StorageFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the storage failed. */
    public Reason reason() {
        return reason;
    }

    @Override
    public Category category() {
        return Category.STORAGE;
    }
}
