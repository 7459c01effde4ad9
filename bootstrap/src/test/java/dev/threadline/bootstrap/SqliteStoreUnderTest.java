package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.Command;
import dev.threadline.application.importing.ImportEvents;
import dev.threadline.application.importing.ImportRecord;
import dev.threadline.application.importing.ImportSummary;
import dev.threadline.application.lifecycle.StoreLifecycle;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.EventStore;
import dev.threadline.json.ExportLines;
import dev.threadline.json.ExportedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The SQLite-backed facade behind the surface the application's behaviour tests drive. */
public record SqliteStoreUnderTest(Threadline threadline) implements StoreUnderTest {

    /** Stores on the database in a data directory. */
    public static Stores in(Path dataDirectory) {
        Threadline.Options defaults = Threadline.Options.defaults();
        return options -> new SqliteStoreUnderTest(Threadline.open(
                dataDirectory,
                new Threadline.Options(
                        defaults.sqlite(), options.coalescing(), defaults.pollInterval(), options.clock())));
    }

    @Override
    public CommandResult execute(Command command) {
        return threadline.execute(command);
    }

    @Override
    public CommandResult execute(Command command, String commandId) {
        return threadline.execute(command, commandId);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return threadline.inTransaction(work);
    }

    @Override
    public Queries queries() {
        return threadline.queries();
    }

    @Override
    public Projections projections() {
        return threadline.projections();
    }

    @Override
    public EventStore events() {
        return threadline.events();
    }

    @Override
    public Subscription subscribe(long afterSequence, EventHandler handler) {
        return threadline.subscribe(afterSequence, handler);
    }

    @Override
    public MessageStream streamMessage(ThreadId thread, Role role) {
        return threadline.streamMessage(thread, role);
    }

    @Override
    public StoreLifecycle lifecycle() {
        return threadline.lifecycle();
    }

    @Override
    public ImportSummary importArchive(Path archive) {
        ExportLines lines = new ExportLines();
        List<ImportRecord> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(archive, StandardCharsets.UTF_8)) {
                ExportedEvent event = lines.decode(records.size() + 1, line);
                records.add(new ImportRecord(records.size() + 1, event.streamVersion(), event.toNewEvent()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportSummary summary = new ImportEvents(threadline.events()).run(records.iterator(), done -> {});
        threadline.projections().catchUp();
        return summary;
    }

    @Override
    public void close() {
        threadline.close();
    }
}
