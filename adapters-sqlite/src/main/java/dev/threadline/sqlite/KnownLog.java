package dev.threadline.sqlite;

import java.util.HashMap;
import java.util.Map;

/**
 * What this connection has learnt of the log. A transaction holds the write lock, and the
 * database forgets this when another connection commits: so a sequence or stream version read
 * or written once stays true, and a command need not read what the one before it wrote.
 */
final class KnownLog implements TransactionScoped {
    static final long UNKNOWN = -1;
    /** Past this many streams the versions are forgotten, to bound memory. */
    private static final int LIMIT = 4_096;
    /** The highest sequence ever used ({@code sqlite_sequence}), the base of the next insert. */
    long ceiling = UNKNOWN;
    /** The highest sequence stored, as {@code lastSequence()} reports it. */
    long last = UNKNOWN;
    /**
     * The greatest event id stored or kept to be stored ({@link DeferredRows}), as text, "" for
     * none, or null when not known. An event id greater than it cannot be stored already.
     */
    String greatestEventId;
    /** Each touched stream's current version, -1 for a stream with no events. */
    final Map<String, Long> versions = new HashMap<>();

    /** Streams' current versions; past the limit, all are forgotten instead. */
    void rememberVersions(Map<String, Long> current) {
        versions.putAll(current);
        if (versions.size() > LIMIT) {
            versions.clear();
        }
    }

    /** What an append left behind: its last sequence and its streams' versions. */
    void rememberAppend(long lastSequence, Map<String, Long> streamVersions) {
        ceiling = lastSequence;
        last = lastSequence;
        rememberVersions(streamVersions);
    }

    @Override
    public void forget() {
        ceiling = UNKNOWN;
        last = UNKNOWN;
        greatestEventId = null;
        versions.clear();
    }
}
