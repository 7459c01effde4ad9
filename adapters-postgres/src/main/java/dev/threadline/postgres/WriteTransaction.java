package dev.threadline.postgres;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.id.ThreadId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The state of one thread's open write transaction, and what it knows because it holds the
 * writer lock from its start: no other transaction can append, so the log head, the versions of
 * the streams it has read or written, and the newest stored sequence once it has appended stay as
 * it last saw or made them. Its log head and projector positions are written once, just before the
 * commit, rather than once per command: a row updated many times in one PostgreSQL transaction
 * leaves a version per update that every later read of it walks.
 *
 * <p>A savepoint {@link #mark() marks} what the transaction knows; rolling back to it {@link
 * #restore restores} that and forgets the stream versions and thread rows (they are read again).
 */
final class WriteTransaction {

    private static final String SET_HEAD = "UPDATE log_head SET last_sequence = ? WHERE id = 1";

    final Connection connection;
    int depth = 1;
    boolean appended;
    /** The first storage failure not undone by a savepoint: it dooms the transaction. */
    StorageFailure failed;

    /** The log's last sequence given out as this transaction knows it, or -1. */
    private long head = -1;
    /** Whether {@link #head} is newer than the stored {@code log_head}. */
    private boolean headChanged;
    /** Whether the newest stored event is {@link #head} (this transaction appended it). */
    private boolean lastIsHead;

    private final Map<String, Long> versions = new HashMap<>();
    private final Map<ThreadId, ThreadView> threads = new HashMap<>();
    private Map<String, Long> positions = new LinkedHashMap<>();

    WriteTransaction(Connection connection) {
        this.connection = connection;
    }

    /** What the transaction knows, to restore when a savepoint rolls back. */
    record Mark(long head, boolean headChanged, boolean lastIsHead, Map<String, Long> positions) {}

    Mark mark() {
        return new Mark(head, headChanged, lastIsHead, new LinkedHashMap<>(positions));
    }

    void restore(Mark mark) {
        head = mark.head();
        headChanged = mark.headChanged();
        lastIsHead = mark.lastIsHead();
        positions = mark.positions();
        versions.clear();
        threads.clear();
    }

    long head() {
        return head;
    }

    void readHead(long last) {
        head = last;
    }

    /** Records an append: its last sequence, and the new versions of its streams. */
    void appended(long last, Map<String, Long> streamVersions) {
        head = last;
        headChanged = true;
        lastIsHead = true;
        appended = true;
        versions.putAll(streamVersions);
    }

    /** The newest stored sequence, when this transaction appended it. */
    OptionalLong lastSequence() {
        return lastIsHead ? OptionalLong.of(head) : OptionalLong.empty();
    }

    /** A stream's version as last read or written in this transaction, or null. */
    Long version(String stream) {
        return versions.get(stream);
    }

    void readVersion(String stream, long version) {
        versions.put(stream, version);
    }

    /** Events were removed: stream versions and the newest sequence are read again. */
    void removedEvents() {
        versions.clear();
        lastIsHead = false;
    }

    /** A thread's read-model row as last read or written in this transaction, or null. */
    ThreadView thread(ThreadId id) {
        return threads.get(id);
    }

    void knowThread(ThreadView thread) {
        threads.put(thread.id(), thread);
    }

    /** Thread rows were removed (one, or all when {@code id} is null): they are read again. */
    void forgetThreads(ThreadId id) {
        if (id == null) {
            threads.clear();
        } else {
            threads.remove(id);
        }
    }

    /** A projector's position set in this transaction and not yet written, or null. */
    Long position(String projector) {
        return positions.get(projector);
    }

    void setPosition(String projector, long sequence) {
        positions.put(projector, sequence);
    }

    /** Writes what was kept for the commit: the log head and the projector positions. */
    void beforeCommit() throws SQLException {
        if (headChanged) {
            try (PreparedStatement update = connection.prepareStatement(SET_HEAD)) {
                update.setLong(1, head);
                update.executeUpdate();
            }
            headChanged = false;
        }
        if (!positions.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement(PostgresProjectorPositions.SET)) {
                for (Map.Entry<String, Long> position : positions.entrySet()) {
                    upsert.setString(1, position.getKey());
                    upsert.setLong(2, position.getValue());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            positions.clear();
        }
    }
}
