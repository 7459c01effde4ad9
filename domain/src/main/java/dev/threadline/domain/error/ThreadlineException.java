package dev.threadline.domain.error;

/**
 * The root of Threadline's errors. Each carries a message a person can act on and a {@link
 * Category} that callers (the command line among them) map to their own outcome.
 */
public abstract sealed class ThreadlineException extends RuntimeException
        permits DomainRuleViolation, NotFound, VersionConflict, DuplicateEventId, InvalidInput, StorageFailure {

    private static final long serialVersionUID = 1L;

    /** What kind of failure this is, from the caller's point of view. */
    public enum Category {
        /** The request was understood and refused: a rule, a missing thing, a conflict. */
        REFUSED,
        /** The request itself is malformed. */
        INVALID,
        /** The storage could not do its part. */
        STORAGE
    }

    ThreadlineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The kind of failure. */
    public abstract Category category();
}
