package dev.threadline.application.search;

import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;

/**
 * One search result.
 *
 * @param threadId the thread that wrote the message (or holds the title)
 * @param threadTitle that thread's title
 * @param turnId the message's turn, or null for a title
 * @param turnOrdinal the turn's place in its thread, or 0 for a title
 * @param messageId the message, or null when the title matched
 * @param role who wrote the message, or null for a title
 * @param at when the message was written (the thread created, for a title)
 * @param score how well it matches: higher is better, comparable within one search only
 * @param snippet the text around the matches, each match between {@link #MATCH_START} and {@link
 *     #MATCH_END}
 */
public record SearchHit(
        ThreadId threadId,
        String threadTitle,
        TurnId turnId,
        long turnOrdinal,
        MessageId messageId,
        Role role,
        Instant at,
        double score,
        String snippet) {

    /** Opens a match in a snippet. */
    public static final String MATCH_START = "[";

    /** Closes a match in a snippet. */
    public static final String MATCH_END = "]";

    /** Marks where a snippet leaves text out. */
    public static final String ELLIPSIS = "…";
}
