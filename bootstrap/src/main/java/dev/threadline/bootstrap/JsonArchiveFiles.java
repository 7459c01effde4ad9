package dev.threadline.bootstrap;

import dev.threadline.application.port.ArchiveFiles;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.json.ExportLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Archives and quarantine files as JSON Lines in the data directory ({@code archives/}, {@code
 * quarantine/}) or where the caller says: the export's line format for events, the export's field
 * names over the raw columns for rows. Each file is written whole in memory, then to a hidden
 * file beside its place, fsynced, and linked into place (which fails rather than replace a file
 * that appeared meanwhile), then its directory is fsynced.
 */
final class JsonArchiveFiles implements ArchiveFiles {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path dataDirectory;
    private final ExportLines lines = new ExportLines();

    JsonArchiveFiles(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public Path defaultArchive(ThreadId thread, Instant at) {
        return dataDirectory.resolve("archives").resolve(thread + "-" + STAMP.format(at) + ".jsonl");
    }

    @Override
    public Path quarantineFile(Instant at) {
        return dataDirectory.resolve("quarantine").resolve("quarantine-" + STAMP.format(at) + ".jsonl");
    }

    @Override
    public void createDirectoryOf(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            if (posix()) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new StorageFailure(
                    StorageFailure.Reason.UNAVAILABLE,
                    "cannot create the directory " + directory + ": " + reason(e),
                    e);
        }
    }

    @Override
    public long measure(List<StoredEvent> events) {
        long bytes = 0;
        for (StoredEvent event : events) {
            bytes += lines.encode(event).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return bytes;
    }

    @Override
    public WrittenFile writeEvents(Path file, List<StoredEvent> events) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (StoredEvent event : events) {
            content.writeBytes(lines.encode(event).getBytes(StandardCharsets.UTF_8));
            content.write('\n');
        }
        return write(file, content.toByteArray());
    }

    @Override
    public WrittenFile writeRows(Path file, List<LogRemoval.RawRow> rows) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (LogRemoval.RawRow row : rows) {
            String line = lines.rawLine(
                    row.sequence(),
                    row.eventId(),
                    row.streamId(),
                    row.streamVersion(),
                    row.type(),
                    row.occurredAt(),
                    row.recordedAt(),
                    row.commandId(),
                    row.causationId(),
                    row.correlationId(),
                    row.payload());
            content.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            content.write('\n');
        }
        return write(file, content.toByteArray());
    }

    private WrittenFile write(Path file, byte[] content) {
        Path target = file.toAbsolutePath();
        WrittenFile written = new WrittenFile(target, content.length, sha256(content));
        if (Files.exists(target)) {
            return alreadyThere(target, content, written);
        }
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            throw new StorageFailure(
                    StorageFailure.Reason.UNAVAILABLE,
                    "cannot write " + target + ": the directory " + directory + " does not exist",
                    null);
        }
        Path partial = directory.resolve("." + target.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial); // left by a process killed while writing it
            try (FileChannel channel = FileChannel.open(
                    partial, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.createLink(target, partial);
            } finally {
                Files.delete(partial);
            }
            try (FileChannel parent = FileChannel.open(directory, StandardOpenOption.READ)) {
                parent.force(true);
            }
        } catch (FileAlreadyExistsException e) {
            return alreadyThere(target, content, written);
        } catch (IOException | UnsupportedOperationException e) {
            try {
                Files.deleteIfExists(partial); // a full disk leaves nothing half-written behind
            } catch (IOException ignored) {
                // the failure below is what the caller hears of
            }
            throw new StorageFailure(StorageFailure.Reason.UNAVAILABLE, "cannot write " + target + ": " + reason(e), e);
        }
        return written;
    }

    /** A file at the target: accepted when it holds exactly this content, refused otherwise. */
    private static WrittenFile alreadyThere(Path target, byte[] content, WrittenFile written) {
        try {
            if (Files.isRegularFile(target)
                    && Files.size(target) == content.length
                    && Arrays.equals(Files.readAllBytes(target), content)) {
                return written;
            }
        } catch (IOException e) {
            throw new StorageFailure(StorageFailure.Reason.UNAVAILABLE, "cannot read " + target + ": " + reason(e), e);
        }
        throw new DomainRuleViolation(
                FILE_IS_NEW, "the file " + target + " exists already and is never overwritten; choose another");
    }

    private static FileAttribute<?>[] ownerOnly() {
        return posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
