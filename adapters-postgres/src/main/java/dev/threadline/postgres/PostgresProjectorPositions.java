package dev.threadline.postgres;

import static dev.threadline.postgres.jooq.Tables.PROJECTOR_POSITIONS;
import static org.jooq.impl.DSL.select;

import dev.threadline.application.port.ProjectorPositions;
import java.util.List;

/**
 * Projector positions in {@code projector_positions}. Inside a write transaction a new position is
 * kept by the transaction and written once, just before it commits ({@link WriteTransaction});
 * outside one it is written at once.
 */
final class PostgresProjectorPositions implements ProjectorPositions {

    static final String SET = PostgresProjectionWriter.upsert(
            "projector_positions", List.of(PROJECTOR_POSITIONS.PROJECTOR, PROJECTOR_POSITIONS.POSITION));

    private final PostgresDatabase database;

    private final String read;

    PostgresProjectorPositions(PostgresDatabase database) {
        this.database = database;
        this.read = database.dialect()
                .render(select(PROJECTOR_POSITIONS.POSITION)
                        .from(PROJECTOR_POSITIONS)
                        .where(PROJECTOR_POSITIONS.PROJECTOR.eq("")));
    }

    @Override
    public long position(String projector) {
        WriteTransaction transaction = database.openTransaction();
        Long pending = transaction == null ? null : transaction.position(projector);
        if (pending != null) {
            return pending;
        }
        return database.first(read, rows -> rows.getLong(1), projector).orElse(0L);
    }

    @Override
    public void setPosition(String projector, long sequence) {
        WriteTransaction transaction = database.openTransaction();
        if (transaction != null) {
            transaction.setPosition(projector, sequence);
            return;
        }
        database.update(SET, projector, sequence);
    }
}
