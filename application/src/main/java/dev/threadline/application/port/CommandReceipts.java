package dev.threadline.application.port;

import dev.threadline.application.result.CommandResult;
import java.util.Collection;
import java.util.Optional;

/**
 * Remembers what each identified command did, so that a retry returns it and writes nothing.
 *
 * <p>Concurrency: a receipt recorded inside a {@link Transactions} transaction commits or rolls
 * back with the command's events, so a receipt exists exactly when its events do. Writers are
 * serialised, so a command that finds no receipt inside its transaction cannot race another
 * writer storing the same id.
 */
public interface CommandReceipts {

    /** The receipt of a command id, if that command ran. */
    Optional<Receipt> receipt(String commandId);

    /**
     * Says that the current transaction is about to look these command ids up, so that a store
     * that pays a round trip per read can read them all in one; what {@link #receipt} answers does
     * not change. Outside a transaction it does nothing, and a store may ignore it.
     */
    default void readAhead(Collection<String> commandIds) {}

    /** Stores a receipt in the current transaction. */
    void record(Receipt receipt);

    /**
     * What one command did.
     *
     * @param commandId the caller's id for the command
     * @param commandType the command's kind
     * @param fingerprint a digest of the command's content, to tell a retry from a reuse of the id
     * @param result what it returned
     */
    record Receipt(String commandId, String commandType, String fingerprint, CommandResult result) {}
}
