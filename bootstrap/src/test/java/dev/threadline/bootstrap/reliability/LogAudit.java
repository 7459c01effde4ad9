package dev.threadline.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.application.projection.Projections.Verification;
import dev.threadline.bootstrap.Threadline;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * Reopens a store after whatever happened to it and lists everything wrong with it: a gap or a
 * repeat in the sequences or in a stream's versions, a partial batch, a receipt that does not match
 * its events, a projection that differs from a rebuild.
 */
final class LogAudit {

    /** Batches written under a command id {@code bulk:SIZE:UUID} must be stored whole or not at all. */
    static final String BULK_PREFIX = "bulk:";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the audit found. */
    record Report(long events, Set<String> eventIds, Map<String, Long> eventsByCommand, List<String> problems) {}

    private LogAudit() {}

    static Report audit(Path dataDirectory) throws SQLException, IOException {
        List<String> problems = new ArrayList<>();
        try (Threadline store = Threadline.open(dataDirectory)) {
            Verification verification = store.projections().verify(position -> {});
            if (!verification.clean()) {
                problems.add("projections differ from a rebuild: " + verification.differences());
            }
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        String url = "jdbc:sqlite:" + dataDirectory.resolve("threadline.db");
        try (Connection connection = config.createConnection(url)) {
            Set<String> ids = new HashSet<>();
            long count = 0;
            Map<String, Long> streamVersions = new HashMap<>();
            Map<String, long[]> commands = new HashMap<>(); // count, min, max
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT sequence, event_id, stream_id, stream_version, command_id FROM events"
                                    + " ORDER BY sequence")) {
                while (rows.next()) {
                    count++;
                    long sequence = rows.getLong(1);
                    if (sequence != count) {
                        problems.add("sequence " + sequence + " where " + count + " was due");
                        count = sequence;
                    }
                    if (!ids.add(rows.getString(2))) {
                        problems.add("event id " + rows.getString(2) + " stored twice");
                    }
                    long expected = streamVersions.getOrDefault(rows.getString(3), -1L) + 1;
                    if (rows.getLong(4) != expected) {
                        problems.add("stream " + rows.getString(3) + " has version " + rows.getLong(4) + " where "
                                + expected + " was due");
                    }
                    streamVersions.put(rows.getString(3), rows.getLong(4));
                    String commandId = rows.getString(5);
                    if (commandId != null) {
                        long[] seen = commands.computeIfAbsent(commandId, id -> new long[] {0, sequence, sequence});
                        seen[0]++;
                        seen[2] = sequence;
                    }
                }
            }
            Map<String, long[]> receipts = new HashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT command_id, result, first_sequence, last_sequence FROM command_receipts")) {
                while (rows.next()) {
                    JsonNode result = JSON.readTree(rows.getString(2));
                    receipts.put(
                            rows.getString(1),
                            new long[] {result.get("eventCount").asLong(), rows.getLong(3), rows.getLong(4)});
                }
            }
            for (Map.Entry<String, long[]> command : commands.entrySet()) {
                String id = command.getKey();
                long[] seen = command.getValue();
                if (seen[2] - seen[1] + 1 != seen[0]) {
                    problems.add("the events of " + id + " are not contiguous");
                }
                if (id.startsWith(BULK_PREFIX)) {
                    long size = Long.parseLong(id.split(":")[1]);
                    if (seen[0] != size) {
                        problems.add("partial batch " + id + ": " + seen[0] + " of " + size + " events stored");
                    }
                } else if (!receipts.containsKey(id)) {
                    problems.add("events of command " + id + " without a receipt");
                }
            }
            for (Map.Entry<String, long[]> receipt : receipts.entrySet()) {
                long[] expected = receipt.getValue();
                long[] seen = commands.get(receipt.getKey());
                if (expected[0] == 0) {
                    continue;
                }
                if (seen == null || seen[0] != expected[0] || seen[1] != expected[1] || seen[2] != expected[2]) {
                    problems.add("receipt " + receipt.getKey() + " does not match its events");
                }
            }
            Map<String, Long> byCommand = new HashMap<>();
            commands.forEach((id, seen) -> byCommand.put(id, seen[0]));
            return new Report(count, ids, byCommand, problems);
        }
    }
}
