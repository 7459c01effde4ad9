package dev.threadline.postgres;

import dev.threadline.application.port.Maintenance;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.event.EventsQuarantined;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.json.ExportLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Care of a Threadline schema on PostgreSQL. A backup writes the export format (one stored event
 * a line) from one REPEATABLE READ snapshot and reads the copy back to check it; sizes count the
 * main data of the schema's tables and indexes; compaction is a {@code VACUUM} of each table.
 */
public final class PostgresMaintenance implements Maintenance {

    /** An export line begins with its sequence. */
    private static final java.util.regex.Pattern LEADING_SEQUENCE =
            java.util.regex.Pattern.compile("\\{\"sequence\":(\\d+),");

    private final PostgresDatabase database;
    private final PostgresEventStore events;

    /**
     * @param database the open store
     * @param events its log, which a backup copies
     */
    public PostgresMaintenance(PostgresDatabase database, PostgresEventStore events) {
        this.database = database;
        this.events = events;
    }

    @Override
    public boolean onServer() {
        return true;
    }

    @Override
    public String location() {
        return database.location().toString();
    }

    @Override
    public int schemaVersion() {
        return database.withConnection(connection -> PostgresSchema.version(database.location(), connection));
    }

    @Override
    public Integrity integrityCheck() {
        List<String> findings = new ArrayList<>();
        long head = database.first("SELECT last_sequence FROM log_head WHERE id = 1", rows -> rows.getLong(1))
                .orElse(-1L);
        long last = events.lastSequence();
        if (head < last) {
            findings.add("the log head (" + head + ") is behind the last stored event (" + last + ")");
        }
        // Versions missing from a stream are sound only as rows moved out by a quarantine, which the
        // store stream records (a purge removes whole streams).
        long[] gaps = database.first(
                        "SELECT count(*), coalesce(sum(s.top + 1 - s.n), 0) FROM (SELECT stream_id, count(*) AS n,"
                                + " max(stream_version) AS top FROM events GROUP BY stream_id) s"
                                + " WHERE s.n <> s.top + 1",
                        rows -> new long[] {rows.getLong(1), rows.getLong(2)})
                .orElse(new long[] {0, 0});
        if (gaps[1] > quarantinedRows()) {
            findings.add(gaps[0] + " stream(s) miss versions that no quarantine moved out");
        }
        return new Integrity(findings.isEmpty() ? List.of("ok") : findings);
    }

    /** How many rows quarantines moved out of the log, as their {@code EventsQuarantined} events say. */
    private long quarantinedRows() {
        return events.readStream(Event.STORE_STREAM).stream()
                .map(StoredEvent::event)
                .filter(EventsQuarantined.class::isInstance)
                .mapToLong(event -> ((EventsQuarantined) event).sequences().size())
                .sum();
    }

    @Override
    public Integrity backup(Path target) {
        ExportLines lines = new ExportLines();
        long written = 0;
        long expected;
        try (Connection connection = database.borrow()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (BufferedWriter out = Files.newBufferedWriter(
                    target, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                expected = countIn(connection);
                try (Stream<StoredEvent> all = events.replayOn(connection)) {
                    for (StoredEvent event : (Iterable<StoredEvent>) all::iterator) {
                        out.write(lines.encode(event));
                        out.write('\n');
                        written++;
                    }
                }
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw PostgresErrors.translate(database.location(), "back up the store", e);
        } catch (IOException e) {
            throw new StorageFailure(
                    Reason.UNAVAILABLE, "could not write the backup " + target + ": " + e.getMessage(), e);
        }
        return check(target, lines, expected, written);
    }

    private static long countIn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM events")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Reads the copy back: every line decodes, sequences rise, and it holds every stored row that decodes. */
    private static Integrity check(Path target, ExportLines lines, long stored, long written) {
        List<String> findings = new ArrayList<>();
        long count = 0;
        long previous = 0;
        try (Stream<String> read = Files.lines(target, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) read::iterator) {
                count++;
                lines.decode(count, line);
                java.util.regex.Matcher leading = LEADING_SEQUENCE.matcher(line);
                long sequence = leading.lookingAt() ? Long.parseLong(leading.group(1)) : -1;
                if (sequence <= previous) {
                    findings.add("line " + count + " is out of sequence order");
                }
                previous = sequence;
            }
        } catch (IOException | RuntimeException e) {
            findings.add("the copy cannot be read back: " + e.getMessage());
        }
        if (count != written) {
            findings.add("the copy holds " + count + " events, " + written + " were written");
        }
        if (written > stored) {
            findings.add("the copy holds more events (" + written + ") than the snapshot (" + stored + ")");
        }
        return new Integrity(findings.isEmpty() ? List.of("ok") : findings);
    }

    @Override
    public Size size() {
        List<TableSize> tables = new ArrayList<>(database.list(
                "SELECT c.relname, pg_relation_size(c.oid) + coalesce((SELECT sum(pg_relation_size(i.indexrelid))"
                        + " FROM pg_index i WHERE i.indrelid = c.oid), 0), greatest(s.n_live_tup, 0),"
                        + " coalesce(s.n_dead_tup, 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE n.nspname = ? AND c.relkind = 'r'",
                rows -> new TableSize(rows.getString(1), rows.getLong(2), rows.getLong(3)),
                database.schema()));
        long bytes = tables.stream().mapToLong(TableSize::bytes).sum();
        long free = database.first(
                        "SELECT coalesce(sum(CASE WHEN s.n_live_tup + s.n_dead_tup > 0 THEN pg_relation_size(s.relid)"
                                + " * s.n_dead_tup / (s.n_live_tup + s.n_dead_tup) ELSE 0 END), 0)::bigint"
                                + " FROM pg_stat_user_tables s WHERE s.schemaname = ?",
                        rows -> rows.getLong(1),
                        database.schema())
                .orElse(0L);
        tables.sort(Comparator.comparingLong(TableSize::bytes).reversed().thenComparing(TableSize::name));
        return new Size(bytes, Math.min(free, bytes), tables);
    }

    /** The server's disk is not this machine's to measure. */
    @Override
    public java.util.OptionalLong availableBytes() {
        return java.util.OptionalLong.empty();
    }

    @Override
    public List<StreamSize> streamSizes() {
        return database.list(
                "SELECT stream_id, count(*), sum(16 + octet_length(event_id) + octet_length(stream_id) +"
                        + " octet_length(event_type) + octet_length(occurred_at) + octet_length(recorded_at) +"
                        + " coalesce(octet_length(command_id), 0) + coalesce(octet_length(causation_id), 0) +"
                        + " coalesce(octet_length(correlation_id), 0) + octet_length(payload))::bigint FROM events"
                        + " GROUP BY stream_id",
                rows -> new StreamSize(rows.getString(1), rows.getLong(2), rows.getLong(3)));
    }

    @Override
    public Compaction compact() {
        long before = size().bytes();
        List<String> vacuums = database.list(
                "SELECT tablename FROM pg_tables WHERE schemaname = ?",
                rows -> SqlText.withIdentifier(
                        "VACUUM ", database.schema(), "." + SqlText.withIdentifier("", rows.getString(1), "")),
                database.schema());
        database.withConnection(connection -> {
            try (Statement vacuum = connection.createStatement()) {
                for (String sql : vacuums) {
                    vacuum.execute(sql);
                }
            }
            return null;
        });
        return new Compaction(before, size().bytes());
    }
}
