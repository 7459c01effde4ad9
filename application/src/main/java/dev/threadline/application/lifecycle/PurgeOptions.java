package dev.threadline.application.lifecycle;

import java.nio.file.Path;

/**
 * Where a purge archives the thread first.
 *
 * @param archiveTo the archive file, or null for the default place in the data directory; a
 *     relative path is taken from the working directory and kept absolute, so that the {@code
 *     ThreadPurged} event names a file that can be found from anywhere
 * @param noArchive true to keep no archive at all (then {@code archiveTo} must be null)
 */
public record PurgeOptions(Path archiveTo, boolean noArchive) {

    /** Checks that an archive file and no archive are not both asked for; makes the file absolute. */
    public PurgeOptions {
        if (noArchive && archiveTo != null) {
            throw new IllegalArgumentException("an archive file and no archive exclude each other");
        }
        archiveTo = archiveTo == null ? null : archiveTo.toAbsolutePath().normalize();
    }

    /** Archive to the default place. */
    public static PurgeOptions defaults() {
        return new PurgeOptions(null, false);
    }

    /** Archive to this file. */
    public static PurgeOptions archiveTo(Path file) {
        return new PurgeOptions(file, false);
    }

    /** Keep no archive. */
    public static PurgeOptions withoutArchive() {
        return new PurgeOptions(null, true);
    }
}
