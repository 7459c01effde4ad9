package dev.threadline.bootstrap;

import dev.threadline.application.StoreUnderTest;
import dev.threadline.application.command.Command;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.query.Queries;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.application.subscription.EventHandler;
import dev.threadline.application.subscription.Subscription;
import dev.threadline.application.usage.UsageReport;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.EventStore;
import java.nio.file.Path;
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
    public UsageReport usage(int top) {
        return threadline.usage(top);
    }

    @Override
    public void close() {
        threadline.close();
    }
}
