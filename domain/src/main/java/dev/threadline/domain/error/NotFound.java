package dev.threadline.domain.error;

/** A command or query named something that does not exist. */
public final class NotFound extends ThreadlineException {

    private static final long serialVersionUID = 1L;

    /**
     * @param what the kind of thing, such as {@code project}
     * @param id the id that was asked for
     */
    public NotFound(String what, Object id) {
        super("no " + what + " has id " + id, null);
    }

    @Override
    public Category category() {
        return Category.REFUSED;
    }
}
