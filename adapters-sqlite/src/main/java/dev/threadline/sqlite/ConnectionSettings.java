package dev.threadline.sqlite;

import java.nio.file.Path;
import org.sqlite.SQLiteConfig;

/**
 * How Threadline connects to a database file: every connection enforces foreign keys and waits
 * for a busy file up to the busy timeout; the writer uses WAL and the configured synchronous mode;
 * readers are read-only.
 */
final class ConnectionSettings {

    private ConnectionSettings() {}

    static String url(Path file) {
        return "jdbc:sqlite:" + file;
    }

    private static SQLiteConfig base(SqliteOptions options) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(
                (int) Math.min(Integer.MAX_VALUE, options.busyTimeout().toMillis()));
        config.enforceForeignKeys(true);
        return config;
    }

    static SQLiteConfig writer(SqliteOptions options) {
        SQLiteConfig config = base(options);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                SQLiteConfig.SynchronousMode.valueOf(options.synchronous().name()));
        // Nothing reads generated keys (sequences come from sqlite_sequence); with the default,
        // sqlite-jdbc prepares and runs "SELECT last_insert_rowid()" after every INSERT.
        config.setGetGeneratedKeys(false);
        return config;
    }

    static SQLiteConfig readOnly(SqliteOptions options) {
        SQLiteConfig config = base(options);
        config.setReadOnly(true);
        return config;
    }
}
