package dev.threadline.sqlite;

import java.util.function.Supplier;

/**
 * A value made on first use and kept: a statement's SQL that jOOQ renders (rendering costs more than
 * SQLite takes to run it, and loading jOOQ more than a short command takes), or what renders them.
 * A process that opens the store for one short command makes few of them.
 */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> make;
    private volatile T value;

    private Lazy(Supplier<T> make) {
        this.make = make;
    }

    /** The value the given function makes, once, on first use. */
    static <T> Lazy<T> of(Supplier<T> make) {
        return new Lazy<>(make);
    }

    /** The value (racing first callers make equal ones). */
    @Override
    public T get() {
        T made = value;
        if (made == null) {
            made = make.get();
            value = made;
        }
        return made;
    }
}
