package dev.threadline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files the command line writes hold the store's data, so only their owner may read them. */
final class OwnerOnly {

    private OwnerOnly() {}

    /** Creates the file empty and owner-only when it does not exist yet; an existing file keeps its mode. */
    static void createFile(Path file) {
        if (Files.exists(file)
                || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
