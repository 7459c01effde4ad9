package dev.threadline.sqlite;

import dev.threadline.domain.event.MessageDeltaAppended;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.NewEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run in a child JVM with a small heap by {@link MillionEventsReplayIT}: appends a million events
 * in batches of a thousand, replays them all checking that sequences are contiguous, and prints
 * the count. Exits with 1 when a check fails.
 */
public final class MillionEventsReplay {

    static final int EVENTS = 1_000_000;
    static final int BATCH = 1_000;

    private MillionEventsReplay() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]).resolve(SqliteDatabase.FILE_NAME);
        ThreadId thread = ThreadId.next();
        MessageId message = MessageId.next();
        String delta = "streamed text of an assistant answer, about two hundred bytes long: ".repeat(3);
        Instant at = Instant.parse("2026-11-23T21:00:00.123456Z");
        try (SqliteDatabase database = SqliteFiles.open(file)) {
            SqliteEventStore store = SqliteFiles.storeOn(database);
            for (int appended = 0; appended < EVENTS; appended += BATCH) {
                List<NewEvent> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    batch.add(NewEvent.of(new MessageDeltaAppended(thread, message, delta + (appended + i), at)));
                }
                store.append(AppendBatch.of(batch));
            }
            long count = 0;
            try (Stream<StoredEvent> events = store.replayAll()) {
                Iterator<StoredEvent> iterator = events.iterator();
                while (iterator.hasNext()) {
                    StoredEvent event = iterator.next();
                    if (event.sequence() != count + 1) {
                        fail("event " + (count + 1) + " has sequence " + event.sequence());
                    }
                    count++;
                }
            }
            if (store.lastSequence() != count) {
                fail("the last sequence is " + store.lastSequence() + " but " + count + " events were replayed");
            }
            System.out.println(count);
        }
    }

    private static void fail(String why) {
        System.err.println(why);
        System.exit(1);
    }
}
