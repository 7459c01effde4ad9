package dev.threadline.benchmark;

import static dev.threadline.benchmark.Fixtures.BATCH;
import static dev.threadline.benchmark.Fixtures.DELTA;
import static dev.threadline.benchmark.Rounds.rate;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.AppendDelta;
import dev.threadline.application.streaming.MessageStream;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.sqlite.SqliteOptions;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/** A streamed assistant answer: {@code deltas} one command each, and {@code streamed-answer} coalesced. */
final class StreamingScenarios {

    static final int DELTAS = 10_000;
    static final int TOKENS = 20_000;
    static final double DELTA_GROWTH = 1.2;
    static final int MESSAGES = 1_000;

    private final Scratch scratch;
    private final SqliteOptions normal = SqliteOptions.defaults();

    StreamingScenarios(Scratch scratch) {
        this.scratch = scratch;
    }

    /** Up to 10,000 deltas appended to one message, one command each: the last tenth's cost over the first's. */
    BenchmarkResult deltas(int events) throws SQLException {
        int count = Math.min(DELTAS, events);
        int window = count / 10;
        scratch.progress(count + " deltas appended to one thread");
        try (BenchmarkedStore store = scratch.openNew(normal);
                RawJdbc raw = scratch.newRaw(normal)) {
            ThreadId thread = Fixtures.runningThread(store);
            MessageId message = store.execute(new AddMessage(thread, Role.ASSISTANT, "", true))
                    .messageId();
            UUID stream = Fixtures.IDS.next();
            long[] threadlineNanos = new long[10];
            long[] rawNanos = new long[10];
            // Windows of a tenth alternate between the two sides.
            for (int w = 0; w < 10; w++) {
                long start = System.nanoTime();
                for (int i = 0; i < window; i++) {
                    store.execute(new AppendDelta(thread, message, DELTA));
                }
                threadlineNanos[w] = System.nanoTime() - start;
                start = System.nanoTime();
                raw.appendSingles(stream, (long) w * window, window, DELTA);
                rawNanos[w] = System.nanoTime() - start;
            }
            int length = messageText(store, thread, message).length();
            double growth = (double) threadlineNanos[9] / threadlineNanos[0];
            double rawGrowth = (double) rawNanos[9] / rawNanos[0];
            return new BenchmarkResult(
                    "deltas",
                    count + " deltas to one message, one command each: cost of the last tenth / the first",
                    "x",
                    growth,
                    rawGrowth,
                    growth,
                    "≤ 1.2",
                    growth <= DELTA_GROWTH,
                    String.format(
                            Locale.ROOT,
                            "first %,d: %,.0f/s, last %,d: %,.0f/s (raw %,.0f/s, %,.0f/s); message %,d chars",
                            window,
                            rate(window, threadlineNanos[0]),
                            window,
                            rate(window, threadlineNanos[9]),
                            rate(window, rawNanos[0]),
                            rate(window, rawNanos[9]),
                            length));
        }
    }

    /** 20,000 tokens through a coalescing message stream: events written, exact final text. */
    BenchmarkResult streamedAnswer() throws SQLException {
        scratch.progress("a streamed answer of " + TOKENS + " tokens");
        try (BenchmarkedStore store = scratch.openNew(normal);
                RawJdbc raw = scratch.newRaw(normal)) {
            ThreadId thread = Fixtures.runningThread(store);
            long before = store.events().lastSequence();
            StringBuilder expected = new StringBuilder();
            long start = System.nanoTime();
            MessageId message;
            try (MessageStream stream = store.streamMessage(thread, Role.ASSISTANT)) {
                message = stream.messageId();
                for (int i = 0; i < TOKENS; i++) {
                    String token = i % 7 == 0 ? "\n" + i : " tok" + i;
                    expected.append(token);
                    stream.append(token);
                }
            }
            long threadlineNanos = System.nanoTime() - start;
            long written = store.events().lastSequence() - before;
            long bytes = RawReads.payloadBytes(store.databaseFile(), normal, before);
            String stored = messageText(store, thread, message);
            boolean exact = stored.contentEquals(expected);
            start = System.nanoTime();
            raw.appendBatches(TOKENS, BATCH, "tok");
            long rawNanos = System.nanoTime() - start;
            return new BenchmarkResult(
                    "streamed-answer",
                    TOKENS + " tokens streamed through a coalescing message stream: events written",
                    "events",
                    written,
                    TOKENS,
                    written / (double) TOKENS,
                    "≤ 50 events, exact text",
                    written <= 50 && exact,
                    String.format(
                            Locale.ROOT,
                            "%,d payload bytes (raw, one event a token: %,d); text %s; %,.0f tokens/s (raw %,.0f/s)",
                            bytes,
                            raw.bytesWritten(),
                            exact ? "exact" : "DIFFERS",
                            rate(TOKENS, threadlineNanos),
                            rate(TOKENS, rawNanos)));
        }
    }

    /**
     * What a message takes in the store: 1,000 ordinary messages, then a streamed answer of 20,000
     * tokens, each measured as the pages in use it adds over the bytes of its text (UTF-8).
     */
    BenchmarkResult messageBytes() throws SQLException {
        scratch.progress("bytes a message: " + MESSAGES + " messages, then a streamed answer");
        try (BenchmarkedStore store = scratch.openNew(normal)) {
            ThreadId thread = Fixtures.runningThread(store);
            long empty = RawReads.bytesInUse(store.databaseFile(), normal);
            long messagesText = 0;
            List<String> texts = new ArrayList<>(MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                String text = ordinaryMessage(i);
                texts.add(text);
                messagesText += text.getBytes(StandardCharsets.UTF_8).length;
                store.execute(new AddMessage(thread, i % 2 == 0 ? Role.USER : Role.ASSISTANT, text, false));
            }
            double leastRatio = LeastMessageBytes.of(scratch.newRawFile(), texts) / (double) messagesText;
            long afterMessages = RawReads.bytesInUse(store.databaseFile(), normal);
            StringBuilder answer = new StringBuilder();
            try (MessageStream stream = store.streamMessage(thread, Role.ASSISTANT)) {
                for (String token : proseTokens(TOKENS)) {
                    answer.append(token);
                    stream.append(token);
                }
            }
            long afterAnswer = RawReads.bytesInUse(store.databaseFile(), normal);
            long answerText = answer.toString().getBytes(StandardCharsets.UTF_8).length;
            double answerRatio = (afterAnswer - afterMessages) / (double) answerText;
            double messageRatio = (afterMessages - empty) / (double) messagesText;
            return new BenchmarkResult(
                    "message-bytes",
                    "bytes a streamed answer of " + TOKENS + " tokens of prose adds to the store, over its text",
                    "bytes",
                    afterAnswer - afterMessages,
                    answerText,
                    answerRatio,
                    "≤ 2× its text",
                    answerRatio <= 2.0,
                    String.format(
                            Locale.ROOT,
                            "the answer %,d B for %,d B of text; an ordinary message of %,d B: %,d B = %.2f× its"
                                    + " text (%,d messages), where the least a searchable log can store"
                                    + " (by hand: the text once, binary ids, a full-text index) is %.2f×",
                            afterAnswer - afterMessages,
                            answerText,
                            messagesText / MESSAGES,
                            (afterMessages - empty) / MESSAGES,
                            messageRatio,
                            MESSAGES,
                            leastRatio));
        }
    }

    /**
     * Tokens of prose-like text: words of a 3,000-word vocabulary drawn with a Zipf-like skew (a
     * few words often, most rarely), a line break every 20 or so. Unlike {@code streamed-answer}'s
     * numbered tokens, every one of them a new term for the full-text index, the index here holds
     * what it would for a real answer.
     */
    static List<String> proseTokens(int count) {
        String[] syllables = {"ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "do", "pe", "an", "or", "is", "un"};
        String[] vocabulary = new String[3_000];
        for (int w = 0; w < vocabulary.length; w++) {
            StringBuilder word = new StringBuilder();
            for (int rest = w + 1; rest > 0; rest /= syllables.length) {
                word.append(syllables[rest % syllables.length]);
            }
            vocabulary[w] = word.toString();
        }
        SplittableRandom random = new SplittableRandom(42);
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int word = (int) Math.pow(vocabulary.length, random.nextDouble()) - 1;
            tokens.add((random.nextInt(20) == 0 ? "\n" : " ") + vocabulary[word]);
        }
        return tokens;
    }

    /** An ordinary message of about 290 characters, different each time. */
    private static String ordinaryMessage(int index) {
        StringBuilder text = new StringBuilder("Message " + index + ": ");
        for (int word = 0; text.length() < 290; word++) {
            text.append(WORDS[(index * 7 + word * 13) % WORDS.length]).append(' ');
        }
        return text.toString().trim();
    }

    private static final String[] WORDS = {
        "the",
        "build",
        "fails",
        "because",
        "module",
        "cannot",
        "find",
        "its",
        "test",
        "fixture",
        "after",
        "rename",
        "please",
        "check",
        "which",
        "commit",
        "changed",
        "path",
        "and",
        "restore",
        "previous",
        "behaviour",
        "then",
        "run",
        "suite",
        "again",
        "report",
        "what",
        "you",
        "see"
    };

    private static String messageText(BenchmarkedStore store, ThreadId thread, MessageId message) {
        return store.queries().transcript(thread).turns().stream()
                .flatMap(turn -> turn.messages().stream())
                .filter(m -> m.id().equals(message))
                .findFirst()
                .orElseThrow()
                .text();
    }
}
