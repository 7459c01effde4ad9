package dev.threadline.sqlite;

import dev.threadline.json.EventJsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;

/** Helpers for tests that look at database files from outside the store. */
final class SqliteFiles {

    private SqliteFiles() {}

    /** A plain JDBC connection to a file, as another program would open it. */
    static Connection plainConnection(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Opens (creating when absent) a store on a file with the default options. */
    static SqliteDatabase open(Path file) {
        return SqliteDatabase.open(file, SqliteOptions.defaults());
    }

    /** A store on an open database. */
    static SqliteEventStore storeOn(SqliteDatabase database) {
        return new SqliteEventStore(database, new EventJsonCodec(), Clock.systemUTC());
    }

    /** The bytes of a file, to compare before and after an attempt to open it. */
    static byte[] bytesOf(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
