package dev.threadline.domain.error;

/** Input that cannot be understood at all: a malformed id, line or value. */
public final class InvalidInput extends ThreadlineException {

    private static final long serialVersionUID = 1L;

    /** @param message one sentence saying what is malformed and where */
    public InvalidInput(String message) {
        super(message, null);
    }

    /**
     * @param message one sentence saying what is malformed and where
     * @param cause the parser's own error
     */
    public InvalidInput(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Category category() {
        return Category.INVALID;
    }
}
