package dev.threadline.application.command;

import dev.threadline.domain.id.ThreadId;

/**
 * A command that decides from one thread's state and appends to its stream: a group commit reads
 * the threads of its commands ahead, together ({@link Commands}).
 */
interface ActsOnThread {

    /** The thread the command acts on. */
    ThreadId threadId();
}
