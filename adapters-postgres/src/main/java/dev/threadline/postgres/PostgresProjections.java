package dev.threadline.postgres;

import dev.threadline.application.port.ProjectionStorage;
import dev.threadline.application.port.ScratchSpace;
import java.util.UUID;

/** The read models' ports on a PostgreSQL store, and scratch schemas of the same kind for verification. */
public final class PostgresProjections {

    private PostgresProjections() {}

    /** The read-model ports of an open store, with its transactions. */
    public static ProjectionStorage storage(PostgresDatabase database) {
        return new ProjectionStorage(
                new PostgresReadModels(database),
                new PostgresProjectionWriter(database),
                new PostgresProjectorPositions(database),
                new PostgresReadModelRows(database),
                new PostgresTransactions(database),
                new PostgresSearchIndex(database));
    }

    /**
     * Scratch stores in schemas of their own beside the live one, on its connections; closing one
     * drops its schema.
     */
    public static ScratchSpace scratchSpace(PostgresDatabase live) {
        return () -> {
            String schema = "threadline_scratch_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            PostgresDatabase scratch = PostgresDatabase.open(live.location().withSchema(schema), live.dataSource());
            ProjectionStorage storage = storage(scratch);
            return new ScratchSpace.ScratchStore() {
                @Override
                public ProjectionStorage storage() {
                    return storage;
                }

                @Override
                public void close() {
                    String dropSql = SqlText.withIdentifier("DROP SCHEMA IF EXISTS ", schema, " CASCADE");
                    live.withConnection(connection -> {
                        try (var drop = connection.createStatement()) {
                            drop.execute(dropSql);
                        }
                        return null;
                    });
                    scratch.close();
                }
            };
        };
    }
}
