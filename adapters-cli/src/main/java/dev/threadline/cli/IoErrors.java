package dev.threadline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/** Input/output failures told as sentences, without Java class names. */
final class IoErrors {

    private IoErrors() {}

    /** Why an operation on a file or stream failed, in lower case: "permission denied". */
    static String reason(IOException error) {
        if (error instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (error instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (error instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (error instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (error instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        String message =
                error instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : error.getMessage();
        if (message == null || message.isBlank()) {
            return "an input/output error";
        }
        message = message.strip();
        if (message.equalsIgnoreCase("Is a directory")) {
            return "it is a directory";
        }
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    /**
     * The user named a file that cannot be written: a usage error, unless its directory is missing
     * or its disk is full or failed (a storage problem, exit 3).
     */
    static CliFailure cannotWrite(Path file, IOException error) {
        CliFailure missing = missingDirectory(file);
        if (missing != null) {
            return missing;
        }
        String reason = Files.isDirectory(file) ? "it is a directory" : reason(error);
        String message = "cannot write " + file + ": " + reason;
        return diskFullOrFailed(reason) ? CliFailure.storage(message) : CliFailure.usage(message);
    }

    /**
     * A storage problem (exit 3) naming the directory of a file to be written when that directory
     * does not exist or is not a directory; null when it is one. Nothing creates it: a misspelt
     * directory must not be made silently.
     */
    static CliFailure missingDirectory(Path file) {
        Path directory = file.toAbsolutePath().normalize().getParent();
        if (directory == null || Files.isDirectory(directory)) {
            return null;
        }
        String reason = Files.exists(directory)
                ? directory + " is not a directory"
                : "the directory " + directory + " does not exist";
        return CliFailure.storage("cannot write " + file + ": " + reason);
    }

    private static boolean diskFullOrFailed(String reason) {
        return reason.contains("no space left") || reason.contains("quota") || reason.contains("input/output error");
    }

    /** The user named a file that cannot be read: a usage error. */
    static CliFailure cannotRead(String file, IOException error) {
        String reason = Files.isDirectory(Path.of(file)) ? "it is a directory" : reason(error);
        return CliFailure.usage("cannot read " + file + ": " + reason);
    }

    /**
     * Standard output cannot be written: a storage problem (exit 3). A closed pipe ends the command
     * quietly, as Unix tools do when the reader has gone.
     */
    static CliFailure cannotWriteOutput(PrintStream out) {
        IOException cause = out instanceof StandardOutput standard ? standard.failure() : null;
        if (cause != null && cause.getMessage() != null && cause.getMessage().contains("Broken pipe")) {
            return CliFailure.quiet(ExitCode.STORAGE, "the reader of the output has gone");
        }
        String reason = cause == null ? "the output stream reported an error" : reason(cause);
        return CliFailure.storage("cannot write the output: " + reason);
    }
}
