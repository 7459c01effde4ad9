package dev.threadline.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.json.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Command receipts in the {@code command_receipts} table, their results as JSON. */
public final class SqliteCommandReceipts implements CommandReceipts {

    private final SqliteDatabase database;
    /** The JSON of stored results, made on first use: a process that runs no command never makes it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A receipt's command id, type, fingerprint and result, by command id. */
    static final String SELECT =
            "SELECT command_id, command_type, fingerprint, result FROM command_receipts WHERE command_id = ?";

    /** A receipt, its values in the table's column order. */
    static final String INSERT = "INSERT INTO command_receipts (command_id, command_type, fingerprint, result,"
            + " first_sequence, last_sequence, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Clock clock;
    private final PendingReceipts pending;

    /**
     * @param database the open database
     * @param clock the source of receipt times
     */
    public SqliteCommandReceipts(SqliteDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.pending = PendingReceipts.of(database, INSERT);
    }

    private record StoredResult(Map<String, String> ids, long lastSequence, int eventCount) {}

    @Override
    public Optional<Receipt> receipt(String commandId) {
        return database.withWriter(connection -> {
            Receipt kept = pending.find(commandId);
            if (kept != null) {
                return Optional.of(kept);
            }
            PreparedStatement query = database.prepared(SELECT);
            query.setString(1, commandId);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(new Receipt(
                                row.getString(1), row.getString(2), row.getString(3), decode(row.getString(4))))
                        : Optional.<Receipt>empty();
            }
        });
    }

    @Override
    public void record(Receipt receipt) {
        CommandResult result = receipt.result();
        String encoded = encode(result);
        Object[] values = {
            receipt.commandId(),
            receipt.commandType(),
            receipt.fingerprint(),
            encoded,
            result.lastSequence() - result.eventCount() + 1,
            result.lastSequence(),
            Timestamps.format(clock.instant())
        };
        // Written with the transaction's other receipts, in one batch before its commit.
        database.inTransaction(connection -> {
            pending.keep(receipt, values);
            return null;
        });
    }

    private String encode(CommandResult result) {
        return encode(Json.MAPPER, result);
    }

    /**
     * A result as stored: the JSON Jackson writes for it, written by hand when no text in it needs
     * escaping (every receipt's ids are UUIDs under plain names), by Jackson otherwise.
     */
    static String encode(ObjectMapper json, CommandResult result) {
        StringBuilder text = new StringBuilder(64 + 56 * result.ids().size()).append("{\"ids\":{");
        boolean first = true;
        for (Map.Entry<String, String> id : result.ids().entrySet()) {
            if (!plain(id.getKey()) || !plain(id.getValue())) {
                return encodeByJackson(json, result);
            }
            if (!first) {
                text.append(',');
            }
            first = false;
            text.append('"')
                    .append(id.getKey())
                    .append("\":\"")
                    .append(id.getValue())
                    .append('"');
        }
        return text.append("},\"lastSequence\":")
                .append(result.lastSequence())
                .append(",\"eventCount\":")
                .append(result.eventCount())
                .append('}')
                .toString();
    }

    /** Whether JSON holds the text as it is: printable ASCII but for the quote and the backslash. */
    private static boolean plain(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** A result as Jackson writes it. */
    static String encodeByJackson(ObjectMapper json, CommandResult result) {
        try {
            return Json.MAPPER.writeValueAsString(
                    new StoredResult(result.ids(), result.lastSequence(), result.eventCount()));
        } catch (JsonProcessingException e) {
            throw new StorageFailure(StorageFailure.Reason.ENCODING, "a command receipt cannot be encoded", e);
        }
    }

    private CommandResult decode(String text) {
        try {
            StoredResult stored = Json.MAPPER.readValue(text, StoredResult.class);
            return new CommandResult(new LinkedHashMap<>(stored.ids()), stored.lastSequence(), stored.eventCount());
        } catch (JsonProcessingException e) {
            throw new StorageFailure(StorageFailure.Reason.CORRUPT, "a stored command receipt is damaged", e);
        }
    }
}
