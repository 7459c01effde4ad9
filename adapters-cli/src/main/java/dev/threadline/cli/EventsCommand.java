package dev.threadline.cli;

import dev.threadline.application.subscription.Subscription;
import dev.threadline.domain.event.EventType;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.json.ExportLines;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code events}: reads, filters and follows the log. */
@Command(name = "events", description = "Prints the event log; --follow keeps printing new events until interrupted.")
final class EventsCommand extends StoreCommand {

    @Option(names = "--after", paramLabel = "SEQ", defaultValue = "0", description = "Only events after this sequence.")
    long after;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many events (before following).")
    Integer limit;

    @Option(names = "--type", paramLabel = "T", description = "Only events of this type (repeatable).")
    List<String> types = new ArrayList<>();

    @Option(names = "--stream", paramLabel = "ID", description = "Only events of this stream.")
    String stream;

    @Option(names = "--follow", description = "Keep printing new events, from any process, until interrupted.")
    boolean follow;

    private static final String LINE = "%-6s %-30s %-20s %-36s %3s %s";

    private static final String HEADER = String.format(LINE, "SEQ", "OCCURRED", "TYPE", "STREAM", "VER", "PAYLOAD")
            .stripTrailing();

    @Override
    int run(Session session, Output output) {
        if (after < 0) {
            throw CliFailure.usage("--after must be 0 or more, not " + after);
        }
        if (limit != null && limit < 0) {
            throw CliFailure.usage("--limit must be 0 or more, not " + limit);
        }
        for (String type : types) {
            if (EventType.named(type).isEmpty()) {
                throw CliFailure.usage("'" + type + "' is not an event type");
            }
        }
        Set<String> wanted = Set.copyOf(types);
        Predicate<StoredEvent> filter = event -> (wanted.isEmpty() || wanted.contains(event.type()))
                && (stream == null || stream.equals(event.streamId()));
        ExportLines lines = new ExportLines();
        long position = after;
        int printed = 0;
        boolean limited = false;
        // Each line is written as it is read, so that a closed pipe (`events | head -1`) or a full
        // disk stops the reading at once: Output fails the command when a line cannot be written.
        try (Stream<StoredEvent> log = session.events().replayFrom(after)) {
            Iterator<StoredEvent> events = log.iterator();
            while (events.hasNext()) {
                if (limit != null && printed >= limit) {
                    limited = true;
                    break;
                }
                StoredEvent event = events.next();
                position = event.sequence();
                if (!filter.test(event)) {
                    continue;
                }
                if (printed == 0 && !output.json()) {
                    output.line(HEADER);
                }
                printed++;
                output.line(output.json() ? lines.encode(event) : humanLine(lines, event));
            }
        }
        if (printed == 0 && !output.json() && !follow) {
            output.line("(none)");
        }
        output.check();
        if (!follow) {
            return ExitCode.OK;
        }
        return follow(session, output, lines, filter, limited ? session.events().lastSequence() : position);
    }

    private static int follow(
            Session session, Output output, ExportLines lines, Predicate<StoredEvent> filter, long position) {
        CountDownLatch ended = new CountDownLatch(1);
        // A line that cannot be written fails the handler, which ends the subscription, and the
        // failure ends the command below.
        Subscription subscription = session.subscribe(position, event -> {
            if (filter.test(event)) {
                output.line(output.json() ? lines.encode(event) : humanLine(lines, event));
            }
        });
        Thread hook = new Thread(
                () -> {
                    subscription.close();
                    output.stream().flush();
                    ended.countDown();
                },
                "threadline-follow-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            while (subscription.isActive()) {
                ended.await(250, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscription.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: nothing to remove.
            }
        }
        Throwable failure = subscription.failure();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        return ExitCode.OK;
    }

    private static String humanLine(ExportLines lines, StoredEvent event) {
        return String.format(
                LINE,
                event.sequence(),
                event.occurredAt(),
                event.type(),
                event.streamId(),
                event.streamVersion(),
                lines.payload(event.event()));
    }
}
