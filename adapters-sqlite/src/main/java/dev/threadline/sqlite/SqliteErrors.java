package dev.threadline.sqlite;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Translates SQLite's errors into {@link StorageFailure}s a person can act on. */
final class SqliteErrors {

    private SqliteErrors() {}

    /** The primary result code of an SQLite error, or null for another exception. */
    static SQLiteErrorCode primaryCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                int primary = sqlite.getResultCode().code & 0xFF;
                return SQLiteErrorCode.getErrorCode(primary);
            }
        }
        return null;
    }

    static boolean isUniqueViolation(SQLException error) {
        return error instanceof SQLiteException sqlite
                && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
    }

    static boolean isBusy(Throwable error) {
        SQLiteErrorCode code = primaryCode(error);
        return code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED;
    }

    /** A storage failure for an error met while working on the database file. */
    static StorageFailure translate(Path file, String doing, Throwable error) {
        SQLiteErrorCode code = primaryCode(error);
        if (code == null) {
            return new StorageFailure(
                    Reason.FAILED, "could not " + doing + " in " + file + ": " + error.getMessage(), error);
        }
        return switch (code) {
            case SQLITE_BUSY, SQLITE_LOCKED ->
                new StorageFailure(
                        Reason.LOCKED,
                        "could not " + doing + ": " + file + " is locked by another process past the busy timeout",
                        error);
            case SQLITE_NOTADB ->
                new StorageFailure(Reason.CORRUPT, file + " is not a SQLite database; it was left untouched", error);
            case SQLITE_CORRUPT ->
                new StorageFailure(
                        Reason.CORRUPT, file + " is damaged (SQLite reports a malformed database image)", error);
            case SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH ->
                new StorageFailure(
                        Reason.UNAVAILABLE,
                        "could not " + doing + ": " + file + " cannot be opened for writing (check that it and its"
                                + " directory are writable)",
                        error);
            case SQLITE_FULL, SQLITE_IOERR ->
                new StorageFailure(
                        Reason.UNAVAILABLE,
                        "could not " + doing + ": the disk holding " + file + " failed or is full",
                        error);
            default ->
                new StorageFailure(
                        Reason.FAILED, "could not " + doing + " in " + file + ": " + error.getMessage(), error);
        };
    }
}
