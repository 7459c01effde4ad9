package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.COMMAND_RECEIPTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.application.command.CommandResult;
import dev.threadline.application.port.CommandReceipts;
import dev.threadline.domain.error.StorageFailure;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Command receipts in the {@code command_receipts} table, their results as JSON. */
public final class SqliteCommandReceipts implements CommandReceipts {

    private final SqliteDatabase database;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    /**
     * @param database the open database
     * @param clock the source of receipt times
     */
    public SqliteCommandReceipts(SqliteDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    private record StoredResult(Map<String, String> ids, long lastSequence, int eventCount) {}

    @Override
    public Optional<Receipt> receipt(String commandId) {
        return database.withWriter(connection -> database.sql(connection)
                .selectFrom(COMMAND_RECEIPTS)
                .where(COMMAND_RECEIPTS.COMMAND_ID.eq(commandId))
                .fetchOptional()
                .map(r ->
                        new Receipt(r.getCommandId(), r.getCommandType(), r.getFingerprint(), decode(r.getResult()))));
    }

    @Override
    public void record(Receipt receipt) {
        CommandResult result = receipt.result();
        database.withWriter(connection -> database.sql(connection)
                .insertInto(COMMAND_RECEIPTS)
                .set(COMMAND_RECEIPTS.COMMAND_ID, receipt.commandId())
                .set(COMMAND_RECEIPTS.COMMAND_TYPE, receipt.commandType())
                .set(COMMAND_RECEIPTS.FINGERPRINT, receipt.fingerprint())
                .set(COMMAND_RECEIPTS.RESULT, encode(result))
                .set(COMMAND_RECEIPTS.FIRST_SEQUENCE, result.lastSequence() - result.eventCount() + 1)
                .set(COMMAND_RECEIPTS.LAST_SEQUENCE, result.lastSequence())
                .set(COMMAND_RECEIPTS.RECORDED_AT, clock.instant().toString())
                .execute());
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
