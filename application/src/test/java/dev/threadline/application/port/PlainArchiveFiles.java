package dev.threadline.application.port;

import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ThreadId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ArchiveFiles port for application tests: each event as its record's text, one a line, in
 * real owner-only files (deleted when the JVM exits); it also keeps the events it archived, so a
 * test can restore them.
 */
public final class PlainArchiveFiles implements ArchiveFiles {

    private final Path dataDirectory;
    private final Map<Path, List<StoredEvent>> archived = new ConcurrentHashMap<>();

    /** @param dataDirectory where the default directories go */
    public PlainArchiveFiles(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** The events archived to a file, or null when none was. */
    public List<StoredEvent> archived(Path file) {
        return archived.get(file.toAbsolutePath());
    }

    @Override
    public Path defaultArchive(ThreadId thread, Instant at) {
        return dataDirectory.resolve("archives").resolve(thread + "-" + at.toEpochMilli() + ".txt");
    }

    @Override
    public Path quarantineFile(Instant at) {
        return dataDirectory.resolve("quarantine").resolve("quarantine-" + at.toEpochMilli() + ".txt");
    }

    @Override
    public void createDirectoryOf(Path file) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            directory.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new StorageFailure(StorageFailure.Reason.UNAVAILABLE, "cannot create the directory of " + file, e);
        }
    }

    @Override
    public long measure(List<StoredEvent> events) {
        return text(events).length;
    }

    @Override
    public WrittenFile writeEvents(Path file, List<StoredEvent> events) {
        WrittenFile written = write(file, text(events));
        archived.put(written.file(), List.copyOf(events));
        return written;
    }

    @Override
    public WrittenFile writeRows(Path file, List<LogRemoval.RawRow> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach(row -> text.append(row).append('\n'));
        return write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] text(List<StoredEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(
                event -> text.append(event.toString().replace("\n", "\\n")).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static WrittenFile write(Path file, byte[] content) {
        Path target = file.toAbsolutePath();
        WrittenFile written = new WrittenFile(target, content.length, sha256(content));
        try {
            if (!Files.isDirectory(target.getParent())) {
                throw new StorageFailure(StorageFailure.Reason.UNAVAILABLE, "no directory " + target.getParent(), null);
            }
            try {
                Files.createFile(
                        target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                if (Arrays.equals(Files.readAllBytes(target), content)) {
                    return written;
                }
                throw new DomainRuleViolation(FILE_IS_NEW, target + " exists already");
            }
            Files.write(target, content);
            target.toFile().deleteOnExit();
            return written;
        } catch (IOException e) {
            throw new StorageFailure(StorageFailure.Reason.UNAVAILABLE, "cannot write " + target, e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
