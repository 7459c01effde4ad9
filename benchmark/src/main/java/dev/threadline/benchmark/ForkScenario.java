package dev.threadline.benchmark;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.CompleteTurn;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.ForkThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.sqlite.SqliteOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The {@code fork} scenario: a thread holding about 10 MB of messages is forked at its last
 * message, and the bytes the store holds are counted before and after (SQLite's {@code dbstat}:
 * the bytes used in pages, every table and index, the log included).
 */
final class ForkScenario {

    /** The text the parent thread holds. */
    static final long PARENT_BYTES = 10L * 1024 * 1024;

    private static final int MESSAGE_BYTES = 4_096;
    private static final long TARGET = 16 * 1024;
    private static final String USED_BYTES = "SELECT sum(pgsize - unused) FROM dbstat";

    private ForkScenario() {}

    /**
     * Seeds a store in the directory and measures.
     *
     * @param factory opens the store under test
     * @param directory an empty directory for the store
     * @param parentBytes about how much text the parent thread holds
     */
    static BenchmarkResult run(StoreFactory factory, Path directory, long parentBytes) throws SQLException {
        String text = "x".repeat(MESSAGE_BYTES - 1) + "\n";
        try (BenchmarkedStore store = factory.open(directory, SqliteOptions.defaults())) {
            ThreadId thread = store.execute(new CreateThread(
                            store.execute(new CreateProject("bench fork", "/bench/fork"))
                                    .projectId(),
                            "a long thread",
                            "model"))
                    .threadId();
            store.execute(new StartTurn(thread, "go"));
            long messages = Math.max(1, parentBytes / MESSAGE_BYTES);
            MessageId[] last = new MessageId[1];
            for (long written = 0; written < messages; written += 1_000) {
                long batch = Math.min(1_000, messages - written);
                store.inTransaction(() -> {
                    for (long i = 0; i < batch; i++) {
                        last[0] = store.execute(new AddMessage(thread, Role.ASSISTANT, text, false))
                                .messageId();
                    }
                    return null;
                });
            }
            store.execute(new CompleteTurn(thread));
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.databaseFile())) {
                long before = usedBytes(connection);
                store.execute(new ForkThread(thread, last[0], null));
                long added = usedBytes(connection) - before;
                return new BenchmarkResult(
                        "fork",
                        String.format(
                                Locale.ROOT,
                                "fork of a thread holding %.1f MB of messages",
                                messages * MESSAGE_BYTES / 1024.0 / 1024.0),
                        "bytes",
                        added,
                        messages * MESSAGE_BYTES,
                        (double) added / (messages * MESSAGE_BYTES),
                        "adds < 16 KB",
                        added < TARGET,
                        String.format(
                                Locale.ROOT,
                                "%,d bytes added to the store; a copy of the history would add about %,d",
                                added,
                                messages * MESSAGE_BYTES));
            }
        }
    }

    private static long usedBytes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(USED_BYTES)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
