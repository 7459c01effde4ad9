package dev.threadline.application.port;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Care of the store itself: integrity, backups, size and compaction, so that an operator's tools
 * need no knowledge of the storage.
 *
 * <p>Concurrency: every operation may run while other processes use the store. A backup and a
 * compaction wait for the writers like a write transaction does and copy a consistent state;
 * the usage reports ({@link #size()}, {@link #availableBytes()}, {@link #streamSizes()}) only read
 * and never wait for a writer. None of them may be called inside a {@link Transactions}
 * transaction.
 */
public interface Maintenance {

    /** Where the store is, as a person would look for it (a file name, a server address). */
    String location();

    /**
     * Whether the store lives on a database server rather than in a local file: the server keeps
     * its own disk, and its compaction makes the space of deleted rows reusable by new rows
     * without, as a rule, shrinking its files.
     */
    boolean onServer();

    /** The version of the store's schema. */
    int schemaVersion();

    /** The storage's own check of the live store. */
    Integrity integrityCheck();

    /**
     * Writes a consistent copy of the store to a file and checks the copy.
     *
     * @param target a file that is absent or empty (one the caller created, whose permissions
     *     the copy keeps)
     * @return the copy's integrity check
     */
    Integrity backup(Path target);

    /** How much space the store takes, and each table's share. Reads only. */
    Size size();

    /**
     * How many more bytes the store could grow by: the free space of the file system that holds
     * it, when the storage can tell. Reads only.
     */
    OptionalLong availableBytes();

    /**
     * Each stream's events and the bytes they take in the log (every stored field of each event,
     * indexes not counted), in one consistent read of the whole log. Streams without events are
     * absent; the order is unspecified. Reads only.
     */
    List<StreamSize> streamSizes();

    /**
     * Gives back the space of deleted rows, waiting for the writers as a write transaction does.
     *
     * @return the size before and after
     */
    Compaction compact();

    /**
     * The outcome of an integrity check.
     *
     * @param findings what the check reported: {@code ["ok"]} when sound
     */
    record Integrity(List<String> findings) {

        /** Copies the findings. */
        public Integrity {
            findings = List.copyOf(findings);
        }

        /** Whether the check found nothing wrong. */
        public boolean sound() {
            return findings.equals(List.of("ok"));
        }
    }

    /**
     * The space a store takes.
     *
     * @param bytes the store's size
     * @param freeBytes space inside it that holds no data and that compaction gives back (where
     *     the storage counts it from statistics, an estimate that may lag the latest writes)
     * @param tables each table's share, largest first; empty when the storage cannot tell cheaply
     */
    record Size(long bytes, long freeBytes, List<TableSize> tables) {

        /** Copies the tables. */
        public Size {
            tables = List.copyOf(tables);
        }
    }

    /**
     * One table's share of the store.
     *
     * @param name the table (its indexes included)
     * @param bytes the space it takes
     * @param rows how many rows it holds (where the storage counts them from statistics, an
     *     estimate that may lag the latest writes)
     */
    record TableSize(String name, long bytes, long rows) {}

    /**
     * One stream's share of the log.
     *
     * @param streamId the stream
     * @param events how many events it holds
     * @param bytes the bytes its events take
     */
    record StreamSize(String streamId, long events, long bytes) {}

    /**
     * What a compaction did.
     *
     * @param before the size before
     * @param after the size after
     */
    record Compaction(long before, long after) {}
}
