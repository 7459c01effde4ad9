package dev.threadline.application.subscription;

import dev.threadline.domain.event.StoredEvent;

/** Receives the events of a subscription, one at a time, in sequence order. */
@FunctionalInterface
public interface EventHandler {

    /** Handles one event; an exception ends the subscription. */
    void handle(StoredEvent event);
}
