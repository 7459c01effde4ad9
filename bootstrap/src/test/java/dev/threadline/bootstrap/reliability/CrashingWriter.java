package dev.threadline.bootstrap.reliability;

import dev.threadline.application.command.SetSetting;
import dev.threadline.bootstrap.CliHarness;
import dev.threadline.bootstrap.Threadline;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The child JVM of the crash test: writes commands, raw batches and an import in an endless loop
 * until the test kills it with SIGKILL. Prints {@code ready} once the store is open.
 */
public final class CrashingWriter {

    private CrashingWriter() {}

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        String importFile = args[1];
        Random random = new Random(Long.parseLong(args[2]));
        boolean importFirst = args.length > 3 && "import-first".equals(args[3]);
        try (Threadline store = Threadline.open(data)) {
            System.out.println("ready");
            System.out.flush();
            if (importFirst) {
                importOnce(data, importFile);
            }
            for (long round = 0; ; round++) {
                switch (random.nextInt(4)) {
                    case 0 ->
                        Workloads.projectLifecycle(
                                store, random, UUID.randomUUID().toString());
                    case 1 -> Workloads.bulkBatch(store, random);
                    case 2 ->
                        store.execute(
                                new SetSetting("crash.round", Long.toString(round)),
                                UUID.randomUUID().toString());
                    default -> {
                        CliHarness.Run imported =
                                CliHarness.run(Map.of(), "", "--data-dir", data.toString(), "import", importFile);
                        if (imported.exitCode() != 0) {
                            System.err.println("import failed: " + imported.err());
                            System.exit(4);
                        }
                    }
                }
            }
        }
    }

    private static void importOnce(Path data, String importFile) {
        CliHarness.Run imported = CliHarness.run(Map.of(), "", "--data-dir", data.toString(), "import", importFile);
        if (imported.exitCode() != 0) {
            System.err.println("import failed: " + imported.err());
            System.exit(4);
        }
    }
}
