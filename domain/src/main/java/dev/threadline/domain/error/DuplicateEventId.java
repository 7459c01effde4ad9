package dev.threadline.domain.error;

import dev.threadline.domain.id.EventId;

/** An event id is already stored with other content, so the batch cannot be a safe retry. */
public final class DuplicateEventId extends ThreadlineException {

    private static final long serialVersionUID = 1L;

    private final transient EventId eventId;

    /**
     * @param eventId the id in question
     * @param detail what differs
     */
    public DuplicateEventId(EventId eventId, String detail) {
        super("event id " + eventId + " is already stored: " + detail, null);
        this.eventId = eventId;
    }

    /** The duplicated id. */
    public EventId eventId() {
        return eventId;
    }

    @Override
    public Category category() {
        return Category.REFUSED;
    }
}
