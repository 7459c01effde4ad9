package dev.threadline.application.search;

import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.time.Instant;
import java.util.Objects;

/**
 * One searchable text: a message's final text, or a thread's title. A message is indexed under the
 * thread that wrote it, once, whatever forks inherit it.
 *
 * @param threadId the thread it belongs to
 * @param projectId that thread's project
 * @param turnId the message's turn, or null for a title
 * @param messageId the message, or null for a title
 * @param role who wrote the message, or null for a title
 * @param at when the message was written (the thread created, for a title)
 * @param text the text searched
 */
public record SearchDocument(
        ThreadId threadId,
        ProjectId projectId,
        TurnId turnId,
        MessageId messageId,
        Role role,
        Instant at,
        String text) {

    /** Checks that a title has no message part and a message has all of them. */
    public SearchDocument {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        boolean message = messageId != null;
        if ((turnId != null) != message || (role != null) != message) {
            throw new IllegalArgumentException("a message document names its turn, message and role; a title none");
        }
    }

    /** A message's document. */
    public static SearchDocument message(
            ThreadId thread, ProjectId project, TurnId turn, MessageId message, Role role, Instant at, String text) {
        return new SearchDocument(thread, project, turn, message, role, at, text);
    }

    /** A thread title's document. */
    public static SearchDocument title(ThreadId thread, ProjectId project, Instant at, String title) {
        return new SearchDocument(thread, project, null, null, null, at, title);
    }

    /** Its key: the message's id, or the thread's for a title. One document per key. */
    public String key() {
        return messageId != null ? messageId.toString() : threadId.toString();
    }

    /** Whether it is a thread's title. */
    public boolean isTitle() {
        return messageId == null;
    }
}
