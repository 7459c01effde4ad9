package dev.threadline.postgres;

import dev.threadline.application.port.ProjectorPositions;

/** Projector positions in {@code projector_positions}, written in the caller's transaction. */
final class PostgresProjectorPositions implements ProjectorPositions {

    private static final String SET = PostgresProjectionWriter.upsert("projector_positions", "projector", "position");

    private final PostgresDatabase database;

    PostgresProjectorPositions(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public long position(String projector) {
        return database.first(
                        "SELECT position FROM projector_positions WHERE projector = ?",
                        rows -> rows.getLong(1),
                        projector)
                .orElse(0L);
    }

    @Override
    public void setPosition(String projector, long sequence) {
        database.update(SET, projector, sequence);
    }
}
