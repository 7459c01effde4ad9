package dev.threadline.sqlite;

import java.time.Duration;
import java.util.Objects;

/**
 * How the SQLite store is opened.
 *
 * @param synchronous {@code NORMAL} (durable across process crashes, fast) or {@code FULL}
 *     (durable across power loss too)
 * @param busyTimeout how long to wait for another process's write lock before giving up
 */
public record SqliteOptions(Synchronous synchronous, Duration busyTimeout) {

    /** SQLite's {@code synchronous} settings that a WAL store may use. */
    public enum Synchronous {
        /** Syncs at checkpoints: a commit survives a process crash, not always a power cut. */
        NORMAL,
        /** Syncs every commit. */
        FULL
    }

    /** Checks the fields. */
    public SqliteOptions {
        Objects.requireNonNull(synchronous, "synchronous");
        if (busyTimeout.isNegative()) {
            throw new IllegalArgumentException("the busy timeout cannot be negative");
        }
    }

    /** WAL at synchronous=NORMAL, waiting up to 10 seconds for a busy file. */
    public static SqliteOptions defaults() {
        return new SqliteOptions(Synchronous.NORMAL, Duration.ofSeconds(10));
    }

    /** These options with another synchronous setting. */
    public SqliteOptions withSynchronous(Synchronous value) {
        return new SqliteOptions(value, busyTimeout);
    }

    /** These options with another busy timeout. */
    public SqliteOptions withBusyTimeout(Duration value) {
        return new SqliteOptions(synchronous, value);
    }
}
