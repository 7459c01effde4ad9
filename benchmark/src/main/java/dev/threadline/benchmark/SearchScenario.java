package dev.threadline.benchmark;

import dev.threadline.application.command.AddMessage;
import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.sqlite.SqliteOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The {@code search} scenario: messages written through commands (common words and a long tail of
 * rarer ones, as real threads hold), then queries run three ways on
 * the same rows, interleaved: Threadline's search, a raw FTS5 query by hand returning what a search
 * returns (the same ranking, columns, snippet and limit, read with plain JDBC), and a {@code LIKE} scan of the message texts newest first (what a
 * store without an index does). Reports each side's p50 and p99 latency; the ratios are paired, per
 * query (see {@code pairedRatio}).
 */
final class SearchScenario {

    /** Messages of the full scenario. */
    static final int MESSAGES = 100_000;

    private static final int QUERIES = 100;
    private static final int WARM_UP = 10;
    /** Threadline and the raw query each run a query this many times (the median counts). */
    private static final int ROUNDS = 3;

    private static final int PER_TRANSACTION = 1_000;

    /**
     * What a search returns, by hand: per hit its thread, title, turn, turn number, message, role,
     * time, score and snippet, best BM25 match first, 20 hits.
     */
    private static final String RAW_FTS5 = "SELECT d.thread_id, t.title, coalesce(d.turn_id, m.turn_id), u.ordinal,"
            + " coalesce(d.message_id, m.message_id), coalesce(d.role, m.role), coalesce(d.at, m.created_at),"
            + " -search_index.rank, snippet(search_index, 0, '[', ']', '…', 24) FROM search_index"
            + " JOIN search_documents d ON d.document_id = search_index.rowid"
            + " LEFT JOIN projection_messages m ON m.message_id = d.doc_key"
            + " LEFT JOIN projection_threads t ON t.thread_id = d.thread_id"
            + " LEFT JOIN projection_turns u ON u.turn_id = coalesce(d.turn_id, m.turn_id)"
            + " WHERE search_index MATCH ? ORDER BY search_index.rank LIMIT 20";

    private static final String LIKE_SCAN =
            "SELECT message_id, text FROM projection_messages WHERE text LIKE ? AND text"
                    + " LIKE ? ORDER BY created_at DESC LIMIT 20";

    private static final String[] WORDS = ("the a to of and in is it that for on with this be as not are at by "
                    + "test build login session cookie redirect dashboard timeout retry flaky migration schema "
                    + "index query transaction commit rollback deadlock thread turn message checkpoint restore "
                    + "fork search snippet ranking parser token unicode diacritics cafe naive resume deploy "
                    + "staging release docker kubernetes gradle maven jooq sqlite postgres flyway junit assertj "
                    + "mock stub fixture refactor rename extract method class interface record sealed switch "
                    + "null optional stream lambda future executor lock latch semaphore queue cache eviction "
                    + "memory leak heap profiler benchmark latency throughput p99 regression bisect merge rebase "
                    + "conflict branch tag hook lint format spotless warning error exception stacktrace logger "
                    + "config yaml json toml env secret token oauth jwt cors csrf header body status 302 404 500")
            .split(" ");

    private static final String[] CODE = {
        "foo.bar(baz)",
        "std::vector<int>",
        "Map<String, List<Long>>",
        "x -> x + 1",
        "SELECT * FROM events",
        "git rebase -i HEAD~3",
        "./mvnw -q verify",
        "if (a != null) {",
        "assertThat(result).isEqualTo(42);"
    };

    /** Rarer words: project names, identifiers, jargon. Real threads use thousands of them. */
    private static final String[] RARE = rareWords(20_000);

    private SearchScenario() {}

    private static String[] rareWords(int count) {
        String[] syllables = {
            "ka", "lo", "mi", "ter", "vo", "sen", "dra", "pul", "qui", "zor", "ben", "fa", "gri", "hon"
        };
        String[] words = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder word = new StringBuilder();
            for (int n = i; ; n /= syllables.length) {
                word.append(syllables[n % syllables.length]);
                if (n < syllables.length) {
                    break;
                }
            }
            words[i] = word.append(i % 7 == 0 ? "Service" : "").toString();
        }
        return words;
    }

    /**
     * Seeds a store in the directory and measures.
     *
     * @param factory opens the store under test
     * @param directory an empty directory for the store
     * @param messages how many messages to write
     */
    static BenchmarkResult run(StoreFactory factory, Path directory, int messages) throws SQLException {
        Random random = new Random(42);
        try (BenchmarkedStore store = factory.open(directory, SqliteOptions.defaults())) {
            seed(store, messages, random);
            List<String> queries = queries(random);
            long[] threadline = new long[QUERIES];
            long[] raw = new long[QUERIES];
            long[] like = new long[QUERIES];
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.databaseFile());
                    PreparedStatement fts = connection.prepareStatement(RAW_FTS5);
                    PreparedStatement scan = connection.prepareStatement(LIKE_SCAN)) {
                for (int i = -WARM_UP; i < QUERIES; i++) {
                    String query = queries.get(Math.floorMod(i, QUERIES));
                    String[] words = query.split(" ");
                    String match = "\"" + String.join("\" AND \"", words) + "\"";
                    long[][] took = new long[2][ROUNDS];
                    // Which side goes first rotates, so that warm caches favour none.
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int turn = 0; turn < 2; turn++) {
                            int side = (i + round + turn) & 1;
                            long start = System.nanoTime();
                            if (side == 0) {
                                store.queries().search(query, SearchFilter.none());
                            } else {
                                fts.setString(1, match);
                                drainHits(fts);
                            }
                            took[side][round] = System.nanoTime() - start;
                        }
                    }
                    long start = System.nanoTime();
                    scan.setString(1, "%" + words[0] + "%");
                    scan.setString(2, "%" + words[words.length - 1] + "%");
                    drain(scan);
                    long scanned = System.nanoTime() - start;
                    if (i >= 0) {
                        threadline[i] = median(took[0]);
                        raw[i] = median(took[1]);
                        like[i] = scanned;
                    }
                }
            }
            double rawRatio = pairedRatio(raw, threadline);
            double likeRatio = pairedRatio(like, threadline);
            double p50 = percentile(threadline, 50);
            return new BenchmarkResult(
                    "search",
                    String.format(Locale.ROOT, "search of %,d messages, %d queries (p50 latency)", messages, QUERIES),
                    "queries/s",
                    1e9 / p50,
                    1e9 / percentile(raw, 50),
                    rawRatio,
                    "≥ 0.8× raw FTS5, ≥ 50× LIKE",
                    rawRatio >= 0.8 && likeRatio >= 50,
                    String.format(
                            Locale.ROOT,
                            "p50/p99 ms: Threadline %.2f/%.2f, raw FTS5 %.2f/%.2f, LIKE %.1f/%.1f; ratios are"
                                    + " medians over the queries of each query's time against Threadline's: raw"
                                    + " FTS5 %.2f×, LIKE %.0f× slower",
                            p50 / 1e6,
                            percentile(threadline, 99) / 1e6,
                            percentile(raw, 50) / 1e6,
                            percentile(raw, 99) / 1e6,
                            percentile(like, 50) / 1e6,
                            percentile(like, 99) / 1e6,
                            rawRatio,
                            likeRatio));
        }
    }

    /**
     * The median over the queries of {@code other[i] / threadline[i]}: each query compared with
     * itself, so that a mix of cheap and expensive queries does not put two sides' medians on
     * different queries.
     */
    private static double pairedRatio(long[] other, long[] threadline) {
        double[] ratios = new double[threadline.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (double) other[i] / Math.max(1, threadline[i]);
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void seed(BenchmarkedStore store, int messages, Random random) {
        ProjectId project = store.execute(new CreateProject("bench search", "/bench/search"))
                .projectId();
        int written = 0;
        while (written < messages) {
            ThreadId thread = store.execute(new CreateThread(project, sentence(random, 5), "model"))
                    .threadId();
            store.execute(new StartTurn(thread, sentence(random, 12)));
            written++;
            int inThread = Math.min(messages - written, PER_TRANSACTION);
            store.inTransaction(() -> {
                for (int i = 0; i < inThread; i++) {
                    store.execute(new AddMessage(
                            thread,
                            i % 2 == 0 ? Role.ASSISTANT : Role.USER,
                            sentence(random, 20 + random.nextInt(60)),
                            false));
                }
                return null;
            });
            written += inThread;
        }
    }

    /** A realistic-looking text: common words drawn with a skew, now and then a line of code. */
    private static String sentence(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            if (random.nextInt(40) == 0) {
                text.append(CODE[random.nextInt(CODE.length)]);
            } else if (random.nextInt(4) == 0) {
                double skew = random.nextDouble();
                text.append(RARE[(int) (skew * skew * skew * RARE.length)]);
            } else {
                double skew = random.nextDouble();
                text.append(WORDS[(int) (skew * skew * WORDS.length)]);
            }
        }
        return text.toString();
    }

    /** A rarer word, alone or with a common one, as people search for a name they remember. */
    private static List<String> queries(Random random) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            String rare = RARE[random.nextInt(2_000)];
            queries.add(i % 2 == 0 ? rare : WORDS[20 + random.nextInt(WORDS.length - 20)] + " " + rare);
        }
        return queries;
    }

    /** Reads every column of every hit, as a caller of plain JDBC would. */
    private static void drainHits(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                for (int column = 1; column <= 9; column++) {
                    if (column == 4) {
                        rows.getLong(column);
                    } else if (column == 8) {
                        rows.getDouble(column);
                    } else {
                        rows.getString(column);
                    }
                }
            }
        }
    }

    private static void drain(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                rows.getString(1);
            }
        }
    }

    private static double percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }
}
