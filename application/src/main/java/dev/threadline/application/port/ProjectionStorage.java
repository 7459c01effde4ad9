package dev.threadline.application.port;

import java.util.Objects;

/**
 * The ports of one read-model store: what the projector and the queries need of it.
 *
 * @param reads its reads
 * @param writer its writes
 * @param positions its projectors' positions
 * @param rows its rows as text, for verification
 * @param transactions its transactions
 * @param search its full-text index
 */
public record ProjectionStorage(
        ReadModels reads,
        ProjectionWriter writer,
        ProjectorPositions positions,
        ReadModelRows rows,
        Transactions transactions,
        SearchIndex search) {

    /** Checks that every port is present. */
    public ProjectionStorage {
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(search, "search");
    }
}
