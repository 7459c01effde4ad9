package dev.threadline.application.streaming;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.command.Commands;
import dev.threadline.application.command.CompleteMessage;
import dev.threadline.application.result.CommandResult;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import java.time.Clock;
import java.time.Instant;

/**
 * A streaming message being written token by token. Deltas are buffered and written as one event
 * per {@link Coalescing} window, so a long answer is a handful of events, not one per token. Not
 * thread-safe: one producer writes a stream.
 */
public final class MessageStream implements AutoCloseable {

    private final Commands commands;
    private final Coalescing coalescing;
    private final Clock clock;
    private final ThreadId thread;
    private final MessageId message;
    private final StringBuilder buffer = new StringBuilder();
    private Instant bufferedSince;
    private boolean completed;
    private long lastSequence;

    private MessageStream(
            Commands commands,
            Coalescing coalescing,
            Clock clock,
            ThreadId thread,
            MessageId message,
            long lastSequence) {
        this.commands = commands;
        this.coalescing = coalescing;
        this.clock = clock;
        this.thread = thread;
        this.message = message;
        this.lastSequence = lastSequence;
    }

    /** Adds an empty streaming message to the thread's running turn and opens a stream on it. */
    public static MessageStream open(
            Commands commands, Coalescing coalescing, Clock clock, ThreadId thread, Role role) {
        CommandResult added = commands.execute(new AddMessage(thread, role, "", true));
        return new MessageStream(commands, coalescing, clock, thread, added.messageId(), added.lastSequence());
    }

    /** The message being streamed. */
    public MessageId messageId() {
        return message;
    }

    /** The sequence of the last event this stream wrote. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Buffers text, writing the buffer when it is full or has waited long enough. */
    public void append(String delta) {
        if (completed) {
            throw new IllegalStateException("message " + message + " is complete; it takes no more text");
        }
        if (delta.isEmpty()) {
            return;
        }
        if (buffer.length() == 0) {
            bufferedSince = clock.instant();
        }
        buffer.append(delta);
        if (buffer.length() >= coalescing.maxChars()
                || !clock.instant().isBefore(bufferedSince.plus(coalescing.maxDelay()))) {
            flush();
        }
    }

    /** Writes whatever is buffered as one delta event. */
    public void flush() {
        if (buffer.length() > 0) {
            lastSequence = commands.execute(new AppendDelta(thread, message, buffer.toString()))
                    .lastSequence();
            buffer.setLength(0);
        }
    }

    /** Writes what is buffered and makes the message final. */
    public void complete() {
        if (!completed) {
            flush();
            lastSequence =
                    commands.execute(new CompleteMessage(thread, message)).lastSequence();
            completed = true;
        }
    }

    /** Completes the message. */
    @Override
    public void close() {
        complete();
    }
}
