package dev.threadline.application.port;

/**
 * Each projector's position in the log: the sequence of the last event it applied.
 *
 * <p>Concurrency: a position set inside a {@link Transactions} transaction commits or rolls back
 * with the rows the projector wrote in it. Writers are serialised, so a position read inside a
 * write transaction stays true until that transaction commits: a projector that reads its position
 * at the start of each chunk's transaction never applies an event twice, even when another
 * process applied part of the chunk since the events were read.
 */
public interface ProjectorPositions {

    /** The sequence of the last event the named projector applied, 0 when none. */
    long position(String projector);

    /** Records the sequence of the last event the named projector applied. */
    void setPosition(String projector, long sequence);
}
