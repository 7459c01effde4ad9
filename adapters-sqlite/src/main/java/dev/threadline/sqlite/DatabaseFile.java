package dev.threadline.sqlite;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;

/**
 * A database file made ready to open: its directory and the file created owner-only when absent,
 * and an existing file refused, untouched, unless it starts with SQLite's header.
 */
final class DatabaseFile {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private DatabaseFile() {}

    static void prepare(Path file) {
        Path directory = file.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.isDirectory(directory)) {
                FileAttribute<?>[] ownerOnly = posix
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                        }
                        : new FileAttribute<?>[0];
                Files.createDirectories(directory, ownerOnly);
            }
        } catch (IOException e) {
            throw new StorageFailure(
                    Reason.UNAVAILABLE, "cannot create the data directory " + directory + ": " + describe(e), e);
        }
        if (Files.isDirectory(file)) {
            throw new StorageFailure(Reason.UNAVAILABLE, file + " is a directory, not a database file", null);
        }
        if (Files.exists(file)) {
            checkHeader(file);
            return;
        }
        try {
            FileAttribute<?>[] ownerOnly = posix
                    ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                    }
                    : new FileAttribute<?>[0];
            Files.createFile(file, ownerOnly);
        } catch (FileAlreadyExistsException e) {
            checkHeader(file); // created by another process a moment ago
        } catch (IOException e) {
            throw new StorageFailure(
                    Reason.UNAVAILABLE, "cannot create the database file " + file + ": " + describe(e), e);
        }
    }

    private static void checkHeader(Path file) {
        byte[] header = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new StorageFailure(
                    Reason.UNAVAILABLE, "cannot read the database file " + file + ": " + describe(e), e);
        }
        if (read > 0 && (read < header.length || !Arrays.equals(header, SQLITE_HEADER))) {
            throw new StorageFailure(Reason.CORRUPT, file + " is not a SQLite database; it was left untouched", null);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException failure && failure.getReason() != null) {
            return failure.getReason().toLowerCase(Locale.ROOT);
        }
        if (e instanceof FileSystemException) {
            return e.getClass()
                    .getSimpleName()
                    .replace("Exception", "")
                    .replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
