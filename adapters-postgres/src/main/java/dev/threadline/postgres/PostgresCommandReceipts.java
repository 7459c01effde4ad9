package dev.threadline.postgres;

import static dev.threadline.postgres.jooq.Tables.COMMAND_RECEIPTS;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.select;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.StorageFailure;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Command receipts in {@code command_receipts}, their results as JSON, in the command's transaction;
 * the statements are rendered once from the generated jOOQ classes.
 */
public final class PostgresCommandReceipts implements CommandReceipts {

    private final PostgresDatabase database;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final String read;
    private final String insert;

    /**
     * @param database the open store
     * @param clock the source of receipt times
     */
    public PostgresCommandReceipts(PostgresDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        PostgresDialect dialect = database.dialect();
        this.read = dialect.render(select(
                        COMMAND_RECEIPTS.COMMAND_ID,
                        COMMAND_RECEIPTS.COMMAND_TYPE,
                        COMMAND_RECEIPTS.FINGERPRINT,
                        COMMAND_RECEIPTS.RESULT)
                .from(COMMAND_RECEIPTS)
                .where(COMMAND_RECEIPTS.COMMAND_ID.eq("")));
        this.insert = dialect.render(insertInto(
                        COMMAND_RECEIPTS,
                        COMMAND_RECEIPTS.COMMAND_ID,
                        COMMAND_RECEIPTS.COMMAND_TYPE,
                        COMMAND_RECEIPTS.FINGERPRINT,
                        COMMAND_RECEIPTS.RESULT,
                        COMMAND_RECEIPTS.FIRST_SEQUENCE,
                        COMMAND_RECEIPTS.LAST_SEQUENCE,
                        COMMAND_RECEIPTS.RECORDED_AT)
                .values("", "", "", "", 0L, 0L, ""));
    }

    private record StoredResult(Map<String, String> ids, long lastSequence, int eventCount) {}

    @Override
    public Optional<Receipt> receipt(String commandId) {
        return database.first(
                read,
                row -> new Receipt(row.getString(1), row.getString(2), row.getString(3), decode(row.getString(4))),
                commandId);
    }

    @Override
    public void record(Receipt receipt) {
        CommandResult result = receipt.result();
        database.write(
                insert,
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
