package dev.threadline.application.subscription;

/** A running subscription; closing it stops delivery. */
public interface Subscription extends AutoCloseable {

    /** The sequence of the last event delivered, or the starting position. */
    long position();

    /** Whether it still delivers (not closed, and no handler or storage failure ended it). */
    boolean isActive();

    /** The failure that ended it, or null. */
    Throwable failure();

    @Override
    void close();
}
