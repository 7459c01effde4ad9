package dev.threadline.cli;

import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.ExpectedVersion;
import dev.threadline.domain.store.NewEvent;
import dev.threadline.domain.store.UndecodableEvent;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export} and {@code import}: the log as JSON Lines (SPEC §6). */
final class ExportImportCommands {

    private ExportImportCommands() {}

    @Command(name = "export", description = "Writes every stored event as JSON Lines, in sequence order.")
    static final class Export extends StoreCommand {
        @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of standard output.")
        Path out;

        @Override
        int run(Session session, Output output) {
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
            EventLines lines = new EventLines(session);
            long count = 0;
            try (Writer writer = open(output, file);
                    Progress progress = new Progress(root().err(), "export", last);
                    Stream<StoredEvent> log = session.events().replayAll()) {
                Iterator<StoredEvent> events = log.iterator();
                while (events.hasNext()) {
                    StoredEvent event = events.next();
                    writer.write(lines.toLine(event));
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
        static final int BATCH = 1_000;

        @Parameters(paramLabel = "FILE", description = "The export to read ('-' for standard input).")
        String file;

        private final Map<String, StreamState> streams = new HashMap<>();

        @Override
        int run(Session session, Output output) {
            EventLines lines = new EventLines(session);
            long imported = 0;
            long skipped = 0;
            long total = 0;
            try (BufferedReader reader = open();
                    Progress progress = new Progress(root().err(), "import", 0)) {
                List<EventLines.Imported> batch = new ArrayList<>(BATCH);
                long lineNumber = 0;
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    batch.add(lines.parse(lineNumber, line));
                    if (batch.size() == BATCH) {
                        imported += store(session, batch);
                        total += batch.size();
                        batch.clear();
                        progress.accept(total);
                    }
                }
                if (!batch.isEmpty()) {
                    imported += store(session, batch);
                    total += batch.size();
                    progress.accept(total);
                }
            } catch (IOException e) {
                throw "-".equals(file)
                        ? CliFailure.usage("cannot read the standard input: " + IoErrors.reason(e))
                        : IoErrors.cannotRead(file, e);
            }
            skipped = total - imported;
            session.projections().catchUp();
            session.notifyCommitted();
            long last = session.events().lastSequence();
            if (output.json()) {
                output.json(output.object()
                        .put("imported", imported)
                        .put("skipped", skipped)
                        .put("lastSequence", last));
            } else {
                output.line("Imported " + imported + " event(s), skipped " + skipped
                        + " already stored; the log ends at sequence " + last + ".");
            }
            return ExitCode.OK;
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

        /** Appends a batch's new events atomically; returns how many were new. */
        private int store(Session session, List<EventLines.Imported> batch) {
            List<NewEvent> fresh = new ArrayList<>();
            Map<String, ExpectedVersion> expectations = new LinkedHashMap<>();
            Map<String, Long> planned = new HashMap<>();
            for (EventLines.Imported event : batch) {
                StreamState stream = streams.computeIfAbsent(event.streamId(), id -> StreamState.load(session, id));
                long current = planned.getOrDefault(event.streamId(), stream.version);
                long version = event.streamVersion();
                if (version <= current) {
                    StoredEvent stored = stream.stored.get(version);
                    if (stored == null) {
                        throw EventLines.malformed(
                                event.line(), "it repeats version " + version + " of stream " + event.streamId());
                    }
                    if (!stored.eventId().equals(event.event().eventId())
                            || !stored.event().equals(event.event().event())) {
                        throw CliFailure.refused("line " + event.line() + " conflicts with the stored event "
                                + stored.eventId() + " at version " + version + " of stream " + event.streamId());
                    }
                    continue;
                }
                if (version != current + 1) {
                    throw EventLines.malformed(
                            event.line(),
                            "stream " + event.streamId() + " is at version " + current + ", so the next is "
                                    + (current + 1) + ", not " + version);
                }
                expectations.putIfAbsent(
                        event.streamId(), current < 0 ? ExpectedVersion.NO_STREAM : ExpectedVersion.exactly(current));
                planned.put(event.streamId(), version);
                fresh.add(event.event());
            }
            if (fresh.isEmpty()) {
                return 0;
            }
            session.events().append(new AppendBatch(fresh, expectations));
            planned.forEach((streamId, version) -> streams.get(streamId).version = version);
            return fresh.size();
        }

        /** What the store holds of one stream: its last version and the events stored before the import. */
        private static final class StreamState {
            long version;
            final Map<Long, StoredEvent> stored = new HashMap<>();

            static StreamState load(Session session, String streamId) {
                StreamState state = new StreamState();
                state.version = -1;
                for (StoredEvent event : session.events().readStream(streamId)) {
                    state.stored.put(event.streamVersion(), event);
                    state.version = Math.max(state.version, event.streamVersion());
                }
                return state;
            }
        }
    }
}
