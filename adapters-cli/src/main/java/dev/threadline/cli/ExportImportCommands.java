package dev.threadline.cli;

import dev.threadline.application.importing.ImportRecord;
import dev.threadline.application.importing.ImportSource;
import dev.threadline.application.importing.ImportSummary;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.UndecodableEvent;
import dev.threadline.json.ExportLines;
import dev.threadline.json.ExportedEvent;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export} and {@code import}: the log as JSON Lines, one stored event a line. */
final class ExportImportCommands {

    private ExportImportCommands() {}

    @Command(name = "export", description = "Writes every stored event as JSON Lines, in sequence order.")
    static final class Export extends StoreCommand {
        @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of standard output.")
        Path out;

        @Override
        int run(Session session, Output output) {
            if (out != null) {
                CliFailure missing = IoErrors.missingDirectory(out);
                if (missing != null) {
                    throw missing;
                }
            }
            // An export that skipped them would lose them, and its file could not be imported back.
            List<UndecodableEvent> undecodable = session.events().undecodableEvents();
            if (!undecodable.isEmpty()) {
                throw CliFailure.storage("cannot export: " + undecodable.size()
                        + " stored row(s) cannot be decoded, the first at sequence "
                        + undecodable.get(0).sequence() + "; see threadline doctor");
            }
            Path partial = out == null ? null : partialFile(out);
            long last = session.events().lastSequence();
            long count;
            try {
                count = write(session, output, partial, last);
                if (partial != null) {
                    move(partial, out);
                }
            } finally {
                if (partial != null) {
                    deleteQuietly(partial);
                }
            }
            if (out != null) {
                if (output.json()) {
                    output.json(output.object()
                            .put("file", out.toString())
                            .put("exported", count)
                            .put("lastSequence", last));
                } else {
                    output.line("Exported " + count + " event(s) to " + out + ".");
                }
            }
            return ExitCode.OK;
        }

        /** Writes the log to the file (or standard output when null); returns how many events. */
        private long write(Session session, Output output, Path file, long last) {
            ExportLines lines = new ExportLines();
            long count = 0;
            try (Writer writer = open(output, file);
                    Progress progress = new Progress(root().err(), "export", last);
                    Stream<StoredEvent> log = session.events().replayAll()) {
                Iterator<StoredEvent> events = log.iterator();
                while (events.hasNext()) {
                    StoredEvent event = events.next();
                    writer.write(lines.encode(event));
                    writer.write('\n');
                    if (++count % 1_000 == 0 && file != null) {
                        progress.accept(event.sequence());
                    }
                }
            } catch (IOException e) {
                throw file == null ? IoErrors.cannotWriteOutput(output.stream()) : IoErrors.cannotWrite(out, e);
            }
            return count;
        }

        /** The file (created owner-only) or standard output, which stays open when the writer closes. */
        private Writer open(Output output, Path file) {
            if (file == null) {
                return new BufferedWriter(new OutputStreamWriter(output.checkedStream(), StandardCharsets.UTF_8)) {
                    @Override
                    public void close() throws IOException {
                        flush(); // standard output stays open
                    }
                };
            }
            try {
                deleteQuietly(file); // a stale one from a killed export would keep its mode
                OwnerOnly.createFile(file);
                return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw IoErrors.cannotWrite(out, e);
            } catch (UncheckedIOException e) {
                throw IoErrors.cannotWrite(out, e.getCause());
            }
        }

        /** A file beside the target, so that the finished export replaces it in one move. */
        private static Path partialFile(Path target) {
            Path absolute = target.toAbsolutePath();
            Path name = absolute.getFileName();
            return absolute.resolveSibling("." + (name == null ? "export" : name) + ".partial");
        }

        private static void move(Path from, Path to) {
            try {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                try {
                    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException again) {
                    throw IoErrors.cannotWrite(to, again);
                }
            } catch (IOException e) {
                throw IoErrors.cannotWrite(to, e);
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Nothing more to do: the export has failed or finished already.
            }
        }
    }

    @Command(
            name = "import",
            description =
                    "Appends the events of an export (JSON Lines) in atomic batches, keeping their ids and "
                            + "stream versions; events already stored are skipped, so a repeated import completes a broken one.")
    static final class Import extends StoreCommand {
        /** Before the first line of a file saved by some editors; Java's UTF-8 decoder keeps it. */
        private static final String BYTE_ORDER_MARK = "\uFEFF";

        @Parameters(paramLabel = "FILE", description = "The export to read ('-' for standard input).")
        String file;

        @Mixin
        CommandIdOption commandId = new CommandIdOption();

        @Override
        int run(Session session, Output output) {
            String receiptId = commandId.checked();
            ImportSummary summary;
            try (Input input = open(session.dataDirectory());
                    Progress progress = new Progress(root().err(), "import", 0)) {
                summary = session.importing().run(input, progress, receiptId);
            } catch (UnreadableInput e) {
                throw cannotRead(e.getCause());
            }
            session.projections().catchUp();
            session.notifyCommitted();
            if (output.json()) {
                output.json(output.object()
                        .put("imported", summary.imported())
                        .put("skipped", summary.skipped())
                        .put("lastSequence", summary.lastSequence()));
            } else {
                output.line("Imported " + summary.imported() + " event(s), skipped " + summary.skipped()
                        + " already stored; the log ends at sequence " + summary.lastSequence() + ".");
            }
            return ExitCode.OK;
        }

        private CliFailure cannotRead(IOException e) {
            return "-".equals(file)
                    ? CliFailure.usage("cannot read the standard input: " + IoErrors.reason(e))
                    : IoErrors.cannotRead(file, e);
        }

        /** The input; standard input is copied into the data directory, where the store's disk is. */
        private Input open(Path spoolDirectory) {
            if ("-".equals(file)) {
                return new Input(null, root().in(), Files.isDirectory(spoolDirectory) ? spoolDirectory : null);
            }
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw CliFailure.usage("cannot read " + file + ": it is a directory");
            }
            if (!Files.exists(path)) {
                throw CliFailure.usage("there is no file " + file + " to import");
            }
            if (!Files.isReadable(path)) {
                throw IoErrors.cannotRead(file, new AccessDeniedException(file));
            }
            return new Input(path, null, null);
        }

        /**
         * The export, read once to check it whole and once to store it. The first pass digests the
         * bytes; standard input, which cannot be read twice, is copied to an owner-only temporary
         * file on the way, deleted on close.
         */
        private static final class Input implements ImportSource, AutoCloseable {
            private final Path spoolDirectory;
            private Path path;
            private InputStream firstStream;
            private boolean spooled;
            private String sha256;

            /** A file, or standard input copied into {@code spoolDirectory} (null: the system's temporary one). */
            Input(Path path, InputStream stdin, Path spoolDirectory) {
                this.path = path;
                this.firstStream = stdin;
                this.spoolDirectory = spoolDirectory;
            }

            @Override
            public Pass open() {
                try {
                    if (sha256 != null) {
                        return new Records(reader(Files.newInputStream(path)), null);
                    }
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    InputStream bytes;
                    if (firstStream != null) {
                        // Owner-only: a temporary file is created rw------- on POSIX.
                        Path copy = spoolDirectory == null
                                ? Files.createTempFile("threadline-import-", ".jsonl")
                                : Files.createTempFile(spoolDirectory, ".import-", ".jsonl");
                        spooled = true;
                        path = copy;
                        OutputStream spool = Files.newOutputStream(copy);
                        bytes = new TeeStream(firstStream, spool);
                        firstStream = null;
                    } else {
                        bytes = Files.newInputStream(path);
                    }
                    return new Records(
                            reader(new DigestInputStream(bytes, digest)),
                            () -> sha256 = HexFormat.of().formatHex(digest.digest()));
                } catch (IOException e) {
                    throw new UnreadableInput(e);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("every Java platform has SHA-256", e);
                }
            }

            private static BufferedReader reader(InputStream bytes) {
                return new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8));
            }

            @Override
            public String sha256() {
                if (sha256 == null) {
                    throw new IllegalStateException("no pass has read the whole input yet");
                }
                return sha256;
            }

            @Override
            public void close() {
                if (spooled) {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        // A temporary file left behind is the system's to clean.
                    }
                }
            }
        }

        /** Copies what is read from one stream to another (which it closes with itself). */
        private static final class TeeStream extends FilterInputStream {
            private final OutputStream copy;

            TeeStream(InputStream in, OutputStream copy) {
                super(in);
                this.copy = copy;
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    copy.write(b);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    copy.write(buffer, offset, n);
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                copy.close(); // standard input itself stays open
            }
        }

        /** The records of the export's lines, decoded as they are read; blank lines are skipped. */
        private static final class Records implements ImportSource.Pass {
            private final BufferedReader reader;
            private final Runnable atEnd;
            private final ExportLines lines = new ExportLines();
            private long lineNumber;
            private ImportRecord next;
            private boolean ended;

            Records(BufferedReader reader, Runnable atEnd) {
                this.reader = reader;
                this.atEnd = atEnd;
            }

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (ended) {
                        return false;
                    }
                    String line;
                    try {
                        line = reader.readLine();
                    } catch (IOException e) {
                        throw new UnreadableInput(e);
                    }
                    if (line == null) {
                        ended = true;
                        if (atEnd != null) {
                            atEnd.run();
                        }
                        return false;
                    }
                    lineNumber++;
                    if (lineNumber == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                        line = line.substring(BYTE_ORDER_MARK.length());
                    }
                    if (!line.isBlank()) {
                        ExportedEvent event = lines.decode(lineNumber, line);
                        next = new ImportRecord(lineNumber, event.sequence(), event.streamVersion(), event.event());
                    }
                }
                return true;
            }

            @Override
            public ImportRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ImportRecord record = next;
                next = null;
                return record;
            }

            @Override
            public void close() {
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new UnreadableInput(e);
                }
            }
        }

        /** A read of the input that failed inside the iteration; the command tells its cause. */
        private static final class UnreadableInput extends RuntimeException {
            private static final long serialVersionUID = 1L;

            UnreadableInput(IOException cause) {
                super(cause);
            }

            @Override
            public synchronized IOException getCause() {
                return (IOException) super.getCause();
            }
        }
    }
}
