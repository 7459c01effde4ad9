package dev.threadline.postgres;

import static dev.threadline.postgres.jooq.Tables.COMMAND_RECEIPTS;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.select;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.error.StorageFailure;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command receipts in {@code command_receipts}, their results as JSON, in the command's transaction;
 * the statements are rendered once from the generated jOOQ classes.
 */
public final class PostgresCommandReceipts implements CommandReceipts {

    private final PostgresDatabase database;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final String read;
    private final String readAll =
            "SELECT command_id, command_type, fingerprint, result FROM command_receipts WHERE command_id = ANY (?)";
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
        WriteTransaction transaction = database.openTransaction();
        if (transaction != null) {
            database.receiveReadAhead(transaction);
            Receipt known = transaction.receipt(commandId);
            if (known != null || transaction.knownUnused(commandId)) {
                return Optional.ofNullable(known);
            }
        }
        return database.first(read, this::receipt, commandId);
    }

    private Receipt receipt(ResultSet row) throws SQLException {
        return new Receipt(row.getString(1), row.getString(2), row.getString(3), decode(row.getString(4)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The receipts are read with the transaction's next round trip, which follows the writer
     * lock: no other writer can record one of these ids before the transaction ends.
     */
    @Override
    public void readAhead(Collection<String> commandIds) {
        WriteTransaction transaction = database.openTransaction();
        if (transaction == null) {
            return;
        }
        String[] ids = commandIds.stream()
                .filter(id -> id.indexOf('\0') < 0) // PostgreSQL refuses it: its own lookup says so
                .filter(id -> transaction.receipt(id) == null && !transaction.knownUnused(id))
                .toArray(String[]::new);
        if (ids.length == 0) {
            return;
        }
        // One id is read by its key, as a lookup would; several in one statement.
        transaction.readAhead(
                ids.length == 1 ? read : readAll,
                rows -> {
                    Set<String> unused = new HashSet<>(Arrays.asList(ids));
                    while (rows.next()) {
                        Receipt receipt = receipt(rows);
                        transaction.knowReceipt(receipt);
                        unused.remove(receipt.commandId());
                    }
                    unused.forEach(transaction::knowUnused);
                },
                new Object[] {ids.length == 1 ? ids[0] : ids});
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
        WriteTransaction transaction = database.openTransaction();
        if (transaction != null) {
            transaction.knowReceipt(receipt);
        }
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
