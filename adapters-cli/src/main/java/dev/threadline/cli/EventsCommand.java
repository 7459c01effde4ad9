package dev.threadline.cli;

import dev.threadline.application.subscription.Subscription;
import dev.threadline.domain.event.EventType;
import dev.threadline.domain.event.StoredEvent;
import java.io.PrintStream;
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
        EventLines lines = new EventLines(session);
        PrintStream out = output.stream();
        long position = after;
        int printed = 0;
        boolean limited = false;
        List<List<String>> rows = new ArrayList<>();
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
                printed++;
                if (output.json()) {
                    out.println(lines.toLine(event));
                } else if (follow) {
                    out.println(humanLine(lines, event));
                } else {
                    rows.add(row(lines, event));
                }
            }
        }
        if (!output.json() && !follow) {
            output.table(List.of("SEQ", "OCCURRED", "TYPE", "STREAM", "VER", "PAYLOAD"), rows);
        }
        out.flush();
        reportSkipped(session, wanted, limited ? position : Long.MAX_VALUE);
        if (!follow) {
            return ExitCode.OK;
        }
        return follow(session, output, lines, filter, limited ? session.events().lastSequence() : position);
    }

    /**
     * Says once on stderr how many rows the listing passed over because they cannot be decoded
     * (SPEC §4): those after {@code --after}, up to {@code through}, of a wanted type.
     */
    private void reportSkipped(Session session, Set<String> wanted, long through) {
        long skipped = session.events().undecodableEvents().stream()
                .filter(row -> row.sequence() > after && row.sequence() <= through)
                .filter(row -> wanted.isEmpty() || wanted.contains(row.type()))
                .count();
        if (skipped > 0) {
            root().err().println("threadline: skipped " + skipped + " undecodable row(s); see threadline doctor.");
            root().err().flush();
        }
    }

    private static int follow(
            Session session, Output output, EventLines lines, Predicate<StoredEvent> filter, long position) {
        PrintStream out = output.stream();
        CountDownLatch ended = new CountDownLatch(1);
        Subscription subscription = session.subscribe(position, event -> {
            if (filter.test(event)) {
                out.println(output.json() ? lines.toLine(event) : humanLine(lines, event));
                out.flush();
            }
        });
        Thread hook = new Thread(
                () -> {
                    subscription.close();
                    out.flush();
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

    private static List<String> row(EventLines lines, StoredEvent event) {
        return List.of(
                Long.toString(event.sequence()),
                event.occurredAt().toString(),
                event.type(),
                event.streamId(),
                Long.toString(event.streamVersion()),
                lines.payload(event.event()).toString());
    }

    private static String humanLine(EventLines lines, StoredEvent event) {
        return String.format(
                "%-6d %-27s %-20s %-36s %3d %s",
                event.sequence(),
                event.occurredAt(),
                event.type(),
                event.streamId(),
                event.streamVersion(),
                lines.payload(event.event()));
    }
}
