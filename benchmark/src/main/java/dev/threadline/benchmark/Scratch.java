package dev.threadline.benchmark;

import dev.threadline.sqlite.SqliteDatabase;
import dev.threadline.sqlite.SqliteOptions;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the SQLite scenarios run on: a new empty directory for every store, Threadline's or a
 * baseline's, the store under test opened in one, and the line that tells a person which scenario
 * runs. The directories live under the benchmark's temporary directory, deleted afterwards.
 */
final class Scratch {

    private final StoreFactory factory;
    private final Supplier<Path> directories;
    private final Consumer<String> progress;

    Scratch(StoreFactory factory, Supplier<Path> directories, Consumer<String> progress) {
        this.factory = factory;
        this.directories = directories;
        this.progress = progress;
    }

    /** A new empty directory. */
    Path directory() {
        return directories.get();
    }

    /** The store under test in a directory, with the baseline's SQLite settings. */
    BenchmarkedStore open(Path directory, SqliteOptions sqlite) {
        return factory.open(directory, sqlite);
    }

    /** The store under test in a new directory. */
    BenchmarkedStore openNew(SqliteOptions sqlite) {
        return factory.open(directory(), sqlite);
    }

    /** A new baseline database file, named as the store names its own, in a new directory. */
    Path newRawFile() {
        return directory().resolve(SqliteDatabase.FILE_NAME);
    }

    /** A raw sqlite-jdbc baseline on a new database file. */
    RawJdbc newRaw(SqliteOptions sqlite) throws SQLException {
        return RawJdbc.create(newRawFile(), sqlite);
    }

    /** Tells a person what runs now. */
    void progress(String message) {
        progress.accept(message);
    }
}
