package dev.threadline.postgres;

import dev.threadline.application.port.CommandReceipts.Receipt;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.id.ThreadId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The state of one thread's open write transaction, and what it knows because it holds the
 * writer lock from its start: no other transaction can append, so the log head, the versions of
 * the streams it has read or written, and the newest stored sequence once it has appended stay as
 * it last saw or made them. Its log head and projector positions are written once, just before the
 * commit, rather than once per command: a row updated many times in one PostgreSQL transaction
 * leaves a version per update that every later read of it walks.
 *
 * <p>A savepoint {@link #mark() marks} what the transaction knows; rolling back to it {@link
 * #restore restores} that and forgets the stream versions, thread rows and receipts (they are read
 * again).
 * A savepoint's {@code SAVEPOINT} and {@code RELEASE} are queued in {@link #pending} like writes;
 * when it rolls back, what it queued and the server has not yet received is dropped.
 */
final class WriteTransaction {

    private static final String SET_HEAD = "UPDATE log_head SET last_sequence = ? WHERE id = 1";

    final Connection connection;
    /** Writes queued until the transaction next talks to the server; see {@link PendingWrites}. */
    final PendingWrites pending = new PendingWrites();

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

    /** The newest stored sequence as read under the lock, or -1 when unknown (events were removed). */
    private long stored = -1;
    /** Whether {@link #greatestId} is known: the lock's read has been taken in. */
    private boolean idsKnown;
    /**
     * No event id stored or appended in this transaction is greater than this one (null: none is
     * stored). Rows removed or rolled back leave it an upper bound, which is all it promises.
     */
    private String greatestId;

    /** The projector positions stored when the lock was taken; null until then. */
    private Map<String, Long> storedPositions;

    private final Map<String, Long> versions = new HashMap<>();
    private final Map<ThreadId, ThreadView> threads = new HashMap<>();
    /** Threads known to have no row, as read ahead. */
    private final Set<ThreadId> noThreads = new HashSet<>();
    /** Receipts as read ahead or recorded in this transaction. */
    private final Map<String, Receipt> receipts = new HashMap<>();
    /** Command ids known to have no receipt, as read ahead. */
    private final Set<String> noReceipts = new HashSet<>();
    /** Whether reads queued ahead in {@link #pending} have yet to come back. */
    boolean readAheadQueued;

    private static final String BY_INDEX = "SET LOCAL enable_seqscan TO off";
    private static final String ANY_PLAN = "SET LOCAL enable_seqscan TO DEFAULT";
    private static final String PLAN_ONCE = "SET LOCAL plan_cache_mode TO force_generic_plan";
    private static final String PLAN_AS_USUAL = "SET LOCAL plan_cache_mode TO DEFAULT";

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
        noThreads.clear();
        receipts.clear();
        noReceipts.clear();
    }

    long head() {
        return head;
    }

    /**
     * What the lock's read found: the log head, the newest stored sequence, the stored positions
     * and the greatest stored event id (null when the log is empty).
     */
    void locked(long logHead, long newest, Map<String, Long> positions, String greatestEventId) {
        head = logHead;
        stored = newest;
        storedPositions = positions;
        greatestId = greatestEventId;
        idsKnown = true;
    }

    /**
     * Whether none of these event ids can be stored: each is greater than every id stored or
     * appended in this transaction. Ids are the canonical text of UUIDs (lowercase hexadecimal
     * digits, hyphens at fixed places), which orders the same in Java as under PostgreSQL's
     * collations; the unique index stays the final guard.
     */
    boolean allNew(String[] eventIds) {
        if (!idsKnown) {
            return false;
        }
        if (greatestId == null) {
            return true;
        }
        for (String id : eventIds) {
            if (id.compareTo(greatestId) <= 0) {
                return false;
            }
        }
        return true;
    }

    void readHead(long last) {
        head = last;
    }

    /** Records an append: its last sequence, the new versions of its streams, and its event ids. */
    void appended(long last, Map<String, Long> streamVersions, String[] eventIds) {
        for (String id : eventIds) {
            if (greatestId == null || id.compareTo(greatestId) > 0) {
                greatestId = id;
            }
        }
        head = last;
        headChanged = true;
        lastIsHead = true;
        appended = true;
        versions.putAll(streamVersions);
    }

    /** The newest stored sequence, when this transaction appended it or knows it from the lock's read. */
    OptionalLong lastSequence() {
        if (lastIsHead) {
            return OptionalLong.of(head);
        }
        return stored >= 0 ? OptionalLong.of(stored) : OptionalLong.empty();
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
        stored = -1;
    }

    /** A thread's read-model row as last read or written in this transaction, or null. */
    ThreadView thread(ThreadId id) {
        return threads.get(id);
    }

    void knowThread(ThreadView thread) {
        threads.put(thread.id(), thread);
        noThreads.remove(thread.id());
    }

    /**
     * Queues a key lookup whose rows the transaction takes in with its next round trip, as a read
     * ahead: a later lookup first receives them ({@link PostgresDatabase#receiveReadAhead}).
     *
     * <p>It is planned with sequential scans disabled. Its statement is prepared on the server,
     * whose plan, once generic, is kept for the connection's life: planned while a new store's
     * tables held a few rows, it would scan them whole long after they grew (8 ms per group commit
     * here, against 0.1 ms by the index). Only lookups by key may be queued here: a read that must
     * scan would be costed with the penalty of a disabled plan, which starts PostgreSQL's JIT
     * compiler (40 ms a statement here when a whole write transaction was planned this way).
     *
     * <p>It is also planned once: its plan is the generic one from its first run on the server,
     * where PostgreSQL would otherwise plan a lookup of several keys ({@code = ANY}) again at every
     * run (0.13 ms of a command's 1 ms on the server in a statement log of single commands).
     */
    void readAhead(String sql, PendingWrites.ResultReader reader, Object... values) {
        pending.add(BY_INDEX);
        pending.add(PLAN_ONCE);
        pending.addRead(
                sql,
                rows -> {
                    readAheadQueued = false;
                    reader.read(rows);
                },
                values);
        pending.add(PLAN_AS_USUAL);
        pending.add(ANY_PLAN);
        readAheadQueued = true;
    }

    /** Whether a read ahead found that the thread has no row. */
    boolean knownMissing(ThreadId id) {
        return noThreads.contains(id);
    }

    void knowMissing(ThreadId id) {
        noThreads.add(id);
    }

    /** A command id's receipt as read ahead or recorded in this transaction, or null. */
    Receipt receipt(String commandId) {
        return receipts.get(commandId);
    }

    /** Whether a read ahead found that no command ran under the id. */
    boolean knownUnused(String commandId) {
        return noReceipts.contains(commandId);
    }

    void knowReceipt(Receipt receipt) {
        receipts.put(receipt.commandId(), receipt);
        noReceipts.remove(receipt.commandId());
    }

    void knowUnused(String commandId) {
        noReceipts.add(commandId);
    }

    /** Thread rows were removed (one, or all when {@code id} is null): they are read again. */
    void forgetThreads(ThreadId id) {
        if (id == null) {
            threads.clear();
            noThreads.clear();
        } else {
            threads.remove(id);
            noThreads.remove(id);
        }
    }

    /** A projector's position as set in this transaction, else as stored when the lock was taken. */
    Long position(String projector) {
        Long pending = positions.get(projector);
        if (pending != null || storedPositions == null) {
            return pending;
        }
        return storedPositions.getOrDefault(projector, 0L);
    }

    void setPosition(String projector, long sequence) {
        positions.put(projector, sequence);
    }

    /**
     * Commits: the queued writes, the log head, the projector positions and the {@code COMMIT}
     * itself go in one round trip (pgjdbc then has no transaction left to commit).
     */
    void commit() throws SQLException {
        if (headChanged) {
            pending.add(SET_HEAD, head);
        }
        for (Map.Entry<String, Long> position : positions.entrySet()) {
            pending.add(PostgresProjectorPositions.SET, position.getKey(), position.getValue());
        }
        pending.add("COMMIT");
        pending.send(connection);
        headChanged = false;
        positions.clear();
    }
}
