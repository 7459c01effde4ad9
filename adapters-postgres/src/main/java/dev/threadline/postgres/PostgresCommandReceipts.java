package dev.threadline.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.StorageFailure;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Command receipts in {@code command_receipts}, their results as JSON, in the command's transaction. */
public final class PostgresCommandReceipts implements CommandReceipts {

    private final PostgresDatabase database;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    /**
     * @param database the open store
     * @param clock the source of receipt times
     */
    public PostgresCommandReceipts(PostgresDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    private record StoredResult(Map<String, String> ids, long lastSequence, int eventCount) {}

    @Override
    public Optional<Receipt> receipt(String commandId) {
        return database.first(
                "SELECT command_id, command_type, fingerprint, result FROM command_receipts WHERE command_id = ?",
                row -> new Receipt(row.getString(1), row.getString(2), row.getString(3), decode(row.getString(4))),
                commandId);
    }

    @Override
    public void record(Receipt receipt) {
        CommandResult result = receipt.result();
        database.update(
                "INSERT INTO command_receipts (command_id, command_type, fingerprint, result, first_sequence,"
                        + " last_sequence, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                receipt.commandId(),
                receipt.commandType(),
                receipt.fingerprint(),
                encode(result),
                result.lastSequence() - result.eventCount() + 1,
                result.lastSequence(),
                clock.instant());
    }

    private String encode(CommandResult result) {
        try {
            return json.writeValueAsString(new StoredResult(result.ids(), result.lastSequence(), result.eventCount()));
        } catch (JsonProcessingException e) {
            throw new StorageFailure(StorageFailure.Reason.ENCODING, "a command receipt cannot be encoded", e);
        }
    }

    private CommandResult decode(String text) {
        try {
            StoredResult stored = json.readValue(text, StoredResult.class);
            return new CommandResult(new LinkedHashMap<>(stored.ids()), stored.lastSequence(), stored.eventCount());
        } catch (JsonProcessingException e) {
            throw new StorageFailure(StorageFailure.Reason.CORRUPT, "a stored command receipt is damaged", e);
        }
    }
}
