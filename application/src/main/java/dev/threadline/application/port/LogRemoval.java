package dev.threadline.application.port;

import java.util.List;
import java.util.Objects;

/**
 * The one way events leave the log: a purge removes a thread's stream, a quarantine removes rows
 * that cannot be decoded. Both go through {@link #remove}, inside the transaction that also
 * appends the store event recording the removal, so the log never loses an event without saying
 * so.
 *
 * <p>Promises, on every storage:
 *
 * <ul>
 *   <li>{@link #remove} runs only inside a {@link Transactions} transaction and commits or rolls
 *       back with it; a rollback leaves every row where it was.
 *   <li>Sequences are never reused: the next append continues after the highest sequence the log
 *       ever held, even when the removed rows were the last ones. What remains keeps its
 *       sequences, strictly increasing, with gaps where rows were removed.
 *   <li>Only events go: receipts, projector positions and read models are left to their own
 *       ports.
 *   <li>Readers in other processes see the removal when it commits, never a part of it.
 * </ul>
 */
public interface LogRemoval {

    /**
     * Removes the selected rows, decodable or not.
     *
     * @return how many rows were removed
     * @throws IllegalStateException when called outside a transaction
     */
    long remove(Selection selection);

    /** The raw columns of every stored row that cannot be decoded, in sequence order. Reads the whole log. */
    List<RawRow> undecodableRows();

    /** Which rows to remove. */
    sealed interface Selection permits WholeStream, AtSequences {}

    /**
     * Every event of one stream.
     *
     * @param streamId the stream
     */
    record WholeStream(String streamId) implements Selection {

        /** Checks that the stream is named. */
        public WholeStream {
            Objects.requireNonNull(streamId, "streamId");
        }
    }

    /**
     * The rows at these positions; a position that holds no row is ignored.
     *
     * @param sequences the positions
     */
    record AtSequences(List<Long> sequences) implements Selection {

        /** Copies the positions. */
        public AtSequences {
            sequences = List.copyOf(sequences);
        }
    }

    /**
     * A stored row as its columns hold it, text as stored, for a row that cannot be decoded.
     *
     * @param sequence its position
     * @param eventId the stored event id
     * @param streamId its stream
     * @param streamVersion its version in the stream
     * @param type the stored type name
     * @param occurredAt the stored event time, as text
     * @param recordedAt the stored commit time, as text
     * @param commandId the stored command id, or null
     * @param causationId the stored causation id, or null
     * @param correlationId the stored correlation id, or null
     * @param payload the stored payload, as text
     */
    record RawRow(
            long sequence,
            String eventId,
            String streamId,
            long streamVersion,
            String type,
            String occurredAt,
            String recordedAt,
            String commandId,
            String causationId,
            String correlationId,
            String payload) {}
}
