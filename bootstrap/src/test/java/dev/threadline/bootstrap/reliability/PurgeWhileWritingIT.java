package dev.threadline.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.lifecycle.PurgeOptions;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.bootstrap.Threadline;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.json.ExportLines;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Purges while another process writes the same store: each purge waits for the other writer like
 * any write transaction, nothing either writes is lost, and no lock error reaches either.
 */
class PurgeWhileWritingIT {

    static final int PURGED = 12;
    static final int WRITTEN = 60;

    @TempDir
    Path temp;

    @Test
    void purges_wait_for_another_process_writing_and_both_complete() throws Exception {
        Path data = temp.resolve("store");
        List<ThreadId> threads = PurgingChild.seed(data, PURGED, 40);
        ExportLines lines = new ExportLines();
        Map<ThreadId, List<String>> original = new HashMap<>();
        try (Threadline store = Threadline.open(data)) {
            for (ThreadId thread : threads) {
                original.put(
                        thread,
                        store.events().readStream(thread.toString()).stream()
                                .map(lines::encode)
                                .toList());
            }
        }
        Path err = temp.resolve("writer.err");
        Process writer =
                ChildJvm.start(PurgingChild.class, err, data.toString(), "write", "7", Integer.toString(WRITTEN));
        List<String> output = new ArrayList<>();
        try (BufferedReader out = ChildJvm.output(writer)) {
            assertThat(ChildJvm.awaitReady(out)).as(Files.readString(err)).isTrue();
            try (Threadline store = Threadline.open(data)) {
                for (ThreadId thread : threads) {
                    store.lifecycle().purge().purge(thread, PurgeOptions.defaults());
                }
            }
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.add(line);
            }
        }
        assertThat(writer.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(writer.exitValue()).as(Files.readString(err)).isZero();
        assertThat(output).hasSize(WRITTEN).allSatisfy(line -> assertThat(line).startsWith("wrote "));
        PurgeCrashIT.Audit audit = PurgeCrashIT.audit(data, original);
        assertThat(audit.problems()).isEmpty();
        assertThat(audit.purged()).isEqualTo(PURGED);
        try (Threadline store = Threadline.open(data)) {
            assertThat(store.queries().threads(new ThreadFilter(null, true, true)))
                    .hasSize(WRITTEN)
                    .allSatisfy(t -> assertThat(t.title()).startsWith("written "));
        }
    }
}
