package dev.threadline.cli;

import dev.threadline.application.importing.ImportEvents;
import dev.threadline.application.importing.ImportRecord;
import dev.threadline.application.importing.ImportSummary;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.UndecodableEvent;
import dev.threadline.json.ExportLines;
import dev.threadline.json.ExportedEvent;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
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

        @Override
        int run(Session session, Output output) {
            ImportSummary summary;
            try (BufferedReader reader = open();
                    Progress progress = new Progress(root().err(), "import", 0)) {
                summary = new ImportEvents(session.events()).run(new Records(reader), progress);
            } catch (IOException e) {
                throw cannotRead(e);
            } catch (UnreadableInput e) {
                throw cannotRead(e.getCause());
            }
            session.projections().catchUp();
            session.notifyCommitted();
            long last = session.events().lastSequence();
            if (output.json()) {
                output.json(output.object()
                        .put("imported", summary.imported())
                        .put("skipped", summary.skipped())
                        .put("lastSequence", last));
            } else {
                output.line("Imported " + summary.imported() + " event(s), skipped " + summary.skipped()
                        + " already stored; the log ends at sequence " + last + ".");
            }
            return ExitCode.OK;
        }

        private CliFailure cannotRead(IOException e) {
            return "-".equals(file)
                    ? CliFailure.usage("cannot read the standard input: " + IoErrors.reason(e))
                    : IoErrors.cannotRead(file, e);
        }

        private BufferedReader open() throws IOException {
            if ("-".equals(file)) {
                return new BufferedReader(new InputStreamReader(root().in(), StandardCharsets.UTF_8));
            }
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw CliFailure.usage("cannot read " + file + ": it is a directory");
            }
            try {
                return Files.newBufferedReader(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw CliFailure.usage("there is no file " + file + " to import");
            } catch (IOException e) {
                throw IoErrors.cannotRead(file, e);
            }
        }

        /** The records of the export's lines, decoded as they are read; blank lines are skipped. */
        private static final class Records implements Iterator<ImportRecord> {
            private final BufferedReader reader;
            private final ExportLines lines = new ExportLines();
            private long lineNumber;
            private ImportRecord next;

            Records(BufferedReader reader) {
                this.reader = reader;
            }

            @Override
            public boolean hasNext() {
                while (next == null) {
                    String line;
                    try {
                        line = reader.readLine();
                    } catch (IOException e) {
                        throw new UnreadableInput(e);
                    }
                    if (line == null) {
                        return false;
                    }
                    lineNumber++;
                    if (lineNumber == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                        line = line.substring(BYTE_ORDER_MARK.length());
                    }
                    if (!line.isBlank()) {
                        ExportedEvent event = lines.decode(lineNumber, line);
                        next = new ImportRecord(lineNumber, event.streamVersion(), event.event());
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
