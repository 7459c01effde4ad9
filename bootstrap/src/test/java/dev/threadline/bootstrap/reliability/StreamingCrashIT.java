package dev.threadline.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 while streamed messages complete: the completion of a streamed message writes its final
 * text to the search index in the command's transaction. After every kill the reopened store's
 * projections verify clean, SQLite's and FTS5's integrity checks pass, and every message is found
 * by its own word exactly when it is complete: the index is never behind the log, nor ahead of it.
 */
class StreamingCrashIT {

    static final int ROUNDS = 12;

    @TempDir
    Path temp;

    /** The word a streamed message spells: its id without dashes, after a letter. */
    static String wordOf(MessageId message) {
        return "w" + message.toString().replace("-", "");
    }

    @Test
    void a_process_killed_while_streamed_messages_complete_leaves_the_search_index_in_step_with_the_log()
            throws Exception {
        Path data = temp.resolve("store");
        Random random = new Random(20261201L);
        int complete = 0;
        int streaming = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path err = temp.resolve("child-" + round + ".err");
            Process child =
                    ChildJvm.start(StreamingWriter.class, err, data.toString(), Long.toString(random.nextLong()));
            try (BufferedReader out = ChildJvm.output(child)) {
                assertThat(ChildJvm.awaitReady(out))
                        .as("round %d: the child opened the store; stderr: %s", round, Files.readString(err))
                        .isTrue();
                Thread.sleep(100 + random.nextInt(900));
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }

            LogAudit.Report report = LogAudit.audit(data);
            assertThat(report.problems()).as("round %d", round).isEmpty();
            try (Threadline store = Threadline.open(data)) {
                assertThat(store.maintenance().integrityCheck().findings())
                        .as("round %d: SQLite's and the search index's integrity checks", round)
                        .containsExactly("ok");
                complete = 0;
                streaming = 0;
                for (var thread : store.queries().threads(ThreadFilter.active())) {
                    for (var turn : store.queries().transcript(thread.id()).turns()) {
                        for (MessageView message : turn.messages()) {
                            if (message.role() != Role.ASSISTANT) {
                                continue; // the turn's prompt
                            }
                            List<SearchHit> hits = store.queries().search(wordOf(message.id()), SearchFilter.none());
                            if (message.streaming()) {
                                streaming++;
                                assertThat(hits)
                                        .as("round %d: a streaming message is not indexed", round)
                                        .isEmpty();
                            } else {
                                complete++;
                                assertThat(hits)
                                        .as("round %d: a complete message is found by its word", round)
                                        .singleElement()
                                        .satisfies(hit ->
                                                assertThat(hit.messageId()).isEqualTo(message.id()));
                            }
                        }
                    }
                }
            }
        }
        assertThat(complete).as("messages completed before the last kill").isPositive();
        System.out.printf(
                "streaming crash safety: %d rounds, %d complete messages found, %d left streaming%n",
                ROUNDS, complete, streaming);
    }
}
