package dev.threadline.benchmark;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * The least bytes messages can take in a searchable event log, written by hand: what no design of
 * such a store can go below, against which {@code message-bytes} measures an ordinary message.
 *
 * <p>Each message is one row holding its text once beside the least envelope an event needs: its
 * sequence, its id, its stream and version, its type and time, its turn, message id and role, every
 * id a 16-byte blob and every time an integer. The log keeps its two unique indexes (event id;
 * stream and version) and a contentless full-text index of the text. Nothing else: no read-model
 * row, no receipt, no JSON.
 */
final class LeastMessageBytes {

    private static final String SCHEMA = "CREATE TABLE log (sequence INTEGER PRIMARY KEY, event_id BLOB NOT NULL"
            + " UNIQUE, stream BLOB NOT NULL, version INTEGER NOT NULL, type INTEGER NOT NULL, at INTEGER NOT NULL,"
            + " turn BLOB NOT NULL, message BLOB NOT NULL, role INTEGER NOT NULL, text TEXT NOT NULL,"
            + " UNIQUE (stream, version))";

    private static final String INDEX = "CREATE VIRTUAL TABLE text_index USING fts5(text, content='')";

    private static final String INSERT = "INSERT INTO log (event_id, stream, version, type, at, turn, message, role,"
            + " text) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)";

    private static final String INDEX_INSERT = "INSERT INTO text_index (rowid, text) VALUES (?, ?)";

    private LeastMessageBytes() {}

    /**
     * The pages the messages add to a new database file, in bytes, each message in a transaction of
     * its own as commands write them.
     */
    static long of(Path file, List<String> texts) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
            statement.execute(INDEX);
            long empty = RawReads.bytesInUse(statement);
            byte[] stream = bytes(UUID.randomUUID());
            byte[] turn = bytes(UUID.randomUUID());
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT);
                    PreparedStatement index = connection.prepareStatement(INDEX_INSERT)) {
                for (int i = 0; i < texts.size(); i++) {
                    insert.setBytes(1, bytes(UUID.randomUUID()));
                    insert.setBytes(2, stream);
                    insert.setLong(3, i);
                    insert.setLong(4, System.currentTimeMillis() * 1_000);
                    insert.setBytes(5, turn);
                    insert.setBytes(6, bytes(UUID.randomUUID()));
                    insert.setInt(7, i % 2);
                    insert.setString(8, texts.get(i));
                    insert.executeUpdate();
                    index.setLong(1, i + 1L);
                    index.setString(2, texts.get(i));
                    index.executeUpdate();
                    connection.commit();
                }
            }
            connection.setAutoCommit(true);
            return RawReads.bytesInUse(statement) - empty;
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
