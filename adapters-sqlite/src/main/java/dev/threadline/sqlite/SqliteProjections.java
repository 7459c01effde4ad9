package dev.threadline.sqlite;

import dev.threadline.application.port.ProjectionStorage;
import dev.threadline.application.port.ScratchSpace;
import dev.threadline.domain.error.StorageFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The read models' ports on a SQLite database, sharing its statements and the per-transaction
 * {@link KnownRows}, and scratch databases of the same kind for verification.
 */
public final class SqliteProjections {

    private SqliteProjections() {}

    /** The read-model ports of an open database, with its transactions. */
    public static ProjectionStorage storage(SqliteDatabase database) {
        KeptStatements statements = new KeptStatements(database);
        ReadModelStatements sql = new ReadModelStatements(database);
        KnownRows known = KnownRows.of(database, statements, sql);
        // The search's statements are made on its first use: most commands neither search nor index.
        Lazy<SearchStatements> search = Lazy.of(() -> new SearchStatements(database.sql()));
        PendingSearchDocuments pending =
                PendingSearchDocuments.of(database, statements, Lazy.of(() -> search.get().upsert));
        return new ProjectionStorage(
                new SqliteReadModels(database, statements, known),
                new SqliteProjectionWriter(database, statements, sql, known, pending),
                new SqliteProjectorPositions(database, statements, sql, known),
                new SqliteReadModelRows(database, known, pending),
                new SqliteTransactions(database),
                new SqliteSearchIndex(statements, search, known, pending, LastMessagePut.of(database)));
    }

    /** Scratch databases opened with the options of the given one, each in a temporary directory. */
    public static ScratchSpace scratchSpace(SqliteOptions options) {
        return () -> {
            Path directory;
            try {
                directory = Files.createTempDirectory("threadline-verify");
            } catch (IOException e) {
                throw new StorageFailure(
                        StorageFailure.Reason.UNAVAILABLE,
                        "cannot create scratch space for a verification: " + e.getMessage(),
                        e);
            }
            SqliteDatabase scratch = SqliteDatabase.open(directory.resolve(SqliteDatabase.FILE_NAME), options);
            ProjectionStorage storage = storage(scratch);
            return new ScratchSpace.ScratchStore() {
                @Override
                public ProjectionStorage storage() {
                    return storage;
                }

                @Override
                public void close() {
                    scratch.close();
                    try (Stream<Path> files = Files.list(directory)) {
                        for (Path file : files.toList()) {
                            Files.deleteIfExists(file);
                        }
                        Files.deleteIfExists(directory);
                    } catch (IOException e) {
                        // A temporary file left behind is harmless; the verification's result stands.
                    }
                }
            };
        };
    }
}
