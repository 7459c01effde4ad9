package dev.threadline.postgres;

import dev.threadline.application.port.ProjectorPositions;

/**
 * Projector positions in {@code projector_positions}. Inside a write transaction a new position is
 * kept by the transaction and written once, just before it commits ({@link WriteTransaction});
 * outside one it is written at once.
 */
final class PostgresProjectorPositions implements ProjectorPositions {

    static final String SET = PostgresProjectionWriter.upsert("projector_positions", "projector", "position");

    private final PostgresDatabase database;

    PostgresProjectorPositions(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public long position(String projector) {
        WriteTransaction transaction = database.openTransaction();
        Long pending = transaction == null ? null : transaction.position(projector);
        if (pending != null) {
            return pending;
        }
        return database.first(
                        "SELECT position FROM projector_positions WHERE projector = ?",
                        rows -> rows.getLong(1),
                        projector)
                .orElse(0L);
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
