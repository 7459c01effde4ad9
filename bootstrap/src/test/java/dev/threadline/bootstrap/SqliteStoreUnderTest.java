package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.importing.ImportRecord;
import dev.threadline.application.importing.ImportSource;
import dev.threadline.application.importing.ImportSummary;
import dev.threadline.json.ExportLines;
import dev.threadline.json.ExportedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The SQLite-backed facade behind the surface the application's behaviour tests drive. */
public final class SqliteStoreUnderTest extends StoreUnderTest {

    /** The facade's parts as the behaviour tests drive them; closing this closes the facade. */
    public SqliteStoreUnderTest(Threadline threadline) {
        super(
                threadline.commands(),
                threadline.queries(),
                threadline.projections(),
                threadline.events(),
                threadline::inTransaction,
                threadline::subscribe,
                threadline::streamMessage,
                threadline::usage,
                threadline.lifecycle(),
                archive -> importArchive(threadline, archive),
                threadline.importing(),
                threadline::close);
    }

    /** Imports an archive file as the {@code import} command reads it, then catches up. */
    private static ImportSummary importArchive(Threadline threadline, Path archive) {
        ExportLines lines = new ExportLines();
        List<ImportRecord> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(archive, StandardCharsets.UTF_8)) {
                ExportedEvent event = lines.decode(records.size() + 1, line);
                records.add(
                        new ImportRecord(records.size() + 1, event.sequence(), event.streamVersion(), event.event()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportSummary summary = threadline.importing().run(ImportSource.of(records), done -> {});
        threadline.projections().catchUp();
        return summary;
    }

    /** Stores on the database in a data directory. */
    public static Stores in(Path dataDirectory) {
        Threadline.Options defaults = Threadline.Options.defaults();
        return options -> new SqliteStoreUnderTest(Threadline.open(
                dataDirectory,
                new Threadline.Options(
                        defaults.sqlite(), options.coalescing(), defaults.pollInterval(), options.clock())));
    }
}
