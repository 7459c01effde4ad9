package dev.threadline.domain.rules;

import java.util.Locale;

/** Where a turn stands. Stored and shown in lower case. */
public enum TurnStatus {
    RUNNING,
    COMPLETED,
    FAILED,
    INTERRUPTED,
    /** A later checkpoint restore undid it. */
    REVERTED;

    /** The stored, lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this lower-case name. */
    public static TurnStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
