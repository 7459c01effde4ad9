package dev.threadline.domain.error;

/** A command or query named something that does not exist. */
public final class NotFound extends ThreadlineException {

    private static final long serialVersionUID = 1L;

    /**
     * @param what the kind of thing, such as {@code project}
     * @param id the id that was asked for
     */
    public NotFound(String what, Object id) {
        this(what, "id", id);
    }

    /**
     * @param what the kind of thing, such as {@code setting}
     * @param keyName what the key is called, such as {@code key}
     * @param key the key that was asked for
     */
    public NotFound(String what, String keyName, Object key) {
        super("no " + what + " has " + keyName + " " + key, null);
    }

    @Override
    public Category category() {
        return Category.REFUSED;
    }
}
