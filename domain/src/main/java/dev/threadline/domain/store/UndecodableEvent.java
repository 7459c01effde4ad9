package dev.threadline.domain.store;

/**
 * A stored row that could not be decoded into an event (damaged JSON, unknown type, missing
 * field). It never stops a store from opening; projectors skip it.
 *
 * @param sequence its position in the log
 * @param type the type name stored with it
 * @param reason why it could not be decoded
 */
public record UndecodableEvent(long sequence, String type, String reason) {}
