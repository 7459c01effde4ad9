package dev.threadline.cli;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.command.CompleteMessage;
import dev.threadline.application.result.CommandResult;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code message add | stream}. */
@Command(name = "message", description = "Add messages to a thread's running turn.")
final class MessageCommands extends GroupCommand {

    @Command(name = "add", description = "Adds a message to the thread's running turn; prints the message id.")
    static final class Add extends WriteCommand {
        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Option(names = "--role", required = true, paramLabel = "R", description = "user, assistant, system or tool.")
        Role role;

        @Option(names = "--text", required = true, paramLabel = "T")
        String text;

        @Override
        dev.threadline.application.command.Command command() {
            return new AddMessage(thread, role, text, false);
        }

        @Override
        String describe(CommandResult result) {
            return "Added the message.";
        }
    }

    @Command(
            name = "stream",
            description = "Streams standard input into a new message of the running turn (deltas are coalesced), "
                    + "completes it and prints the message id.")
    static final class Stream extends StoreCommand {
        private static final int CHUNK = 512;

        @Option(names = "--thread", required = true, paramLabel = "ID")
        ThreadId thread;

        @Option(
                names = "--role",
                paramLabel = "R",
                defaultValue = "assistant",
                description = "Who writes it (default: ${DEFAULT-VALUE}).")
        Role role;

        @Option(
                names = "--command-id",
                paramLabel = "ID",
                description = "An id for this stream: repeating it with the same input writes nothing more.")
        String commandId;

        @Override
        int run(Session session, Output output) {
            CommandIdOption.checked(commandId);
            Reader input = new InputStreamReader(root().in(), StandardCharsets.UTF_8);
            CommandResult result = commandId == null ? coalesced(session, input) : idempotent(session, input);
            output.result(result, "Streamed the message.");
            return ExitCode.OK;
        }

        private CommandResult coalesced(Session session, Reader input) {
            try (MessageStream stream = session.streamMessage(thread, role)) {
                char[] buffer = new char[CHUNK];
                int read;
                while ((read = input.read(buffer)) >= 0) {
                    stream.append(new String(buffer, 0, read));
                }
                stream.complete();
                return new CommandResult(
                        java.util.Map.of("messageId", stream.messageId().toString()), stream.lastSequence(), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Fixed-size chunks, each under an id derived from the stream's, so a retry repeats nothing. */
        private CommandResult idempotent(Session session, Reader input) {
            CommandResult added = session.execute(new AddMessage(thread, role, "", true), commandId);
            MessageId message = added.messageId();
            try {
                char[] buffer = new char[CHUNK * 8];
                int part = 0;
                int read;
                while ((read = fill(input, buffer)) > 0) {
                    AppendDelta delta = new AppendDelta(thread, message, new String(buffer, 0, read));
                    String deltaId = commandId + ":delta:" + part++;
                    try {
                        session.execute(delta, deltaId);
                    } catch (DomainRuleViolation e) {
                        if (!"command-id-unique".equals(e.rule())) {
                            throw e;
                        }
                        // The derived id is ours, not the caller's: name the one they gave.
                        throw new DomainRuleViolation(
                                e.rule(),
                                "command id '" + commandId + "' was already used for a stream of other input");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CommandResult completed = session.execute(new CompleteMessage(thread, message), commandId + ":complete");
            return new CommandResult(added.ids(), completed.lastSequence(), 0);
        }

        /** Reads until the buffer is full or the input ends: chunks do not depend on timing. */
        private static int fill(Reader input, char[] buffer) throws IOException {
            int filled = 0;
            while (filled < buffer.length) {
                int read = input.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
            }
            return filled;
        }
    }
}
