package dev.threadline.application.streaming;

import java.time.Duration;

/**
 * When a message stream writes its buffered deltas: once the buffer holds {@code maxChars}
 * characters, or once its oldest text has waited {@code maxDelay}.
 *
 * @param maxChars buffer size that forces a write
 * @param maxDelay longest time text waits in the buffer
 */
public record Coalescing(int maxChars, Duration maxDelay) {

    /** Checks the limits. */
    public Coalescing {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1");
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay cannot be negative");
        }
    }

    /**
     * 65,536 characters or half a second, whichever comes first. A long buffer keeps a streamed
     * answer to a few large rows, which compress well and carry one envelope each; the half
     * second bounds what a reader waits for and what a crash can lose.
     */
    public static Coalescing defaults() {
        return new Coalescing(65_536, Duration.ofMillis(500));
    }
}
