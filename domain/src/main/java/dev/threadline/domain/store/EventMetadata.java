package dev.threadline.domain.store;

/**
 * Ids that tie an event to what produced it; each may be null.
 *
 * @param commandId the command that produced the event
 * @param causationId the message that caused it
 * @param correlationId the conversation or workflow it belongs to
 */
public record EventMetadata(String commandId, String causationId, String correlationId) {

    /** No metadata at all. */
    public static final EventMetadata NONE = new EventMetadata(null, null, null);

    /** Metadata naming only the producing command. */
    public static EventMetadata ofCommand(String commandId) {
        return new EventMetadata(commandId, null, null);
    }
}
