package dev.threadline.benchmark;

import dev.threadline.application.port.IdSource;
import dev.threadline.application.workspace.CaptureRequest;
import dev.threadline.application.workspace.CommitId;
import dev.threadline.application.workspace.Workspace;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.git.GitWorkspaceSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code checkpoint}: a workspace of 5 KB files in nested directories is captured once, then one
 * file changes and it is captured again (the part of {@code checkpoint capture} that snapshots the
 * files, through the shadow repository), beside plain {@code git add -A && git commit} on a copy
 * of the workspace that is a git repository of its own, also with one file changed a round.
 * Rounds alternate the two sides after a warm-up; times are medians.
 */
final class CheckpointCapture {

    /** Where the scenarios take their new ids, as the application does. */
    private static final IdSource IDS = IdSource.timeOrdered();

    static final int MAX_FILES = 10_000;
    static final int MIN_FILES = 500;
    static final double TARGET = 1.5;
    private static final int FILE_BYTES = 5 * 1024;
    private static final int FILES_PER_DIRECTORY = 100;
    private static final int REPETITIONS = 5;
    private static final int WARM_UP_ROUNDS = 1;

    private final Supplier<Path> directories;
    private final int files;
    private final Random random = new Random(42);

    private CheckpointCapture(Supplier<Path> directories, int files) {
        this.directories = directories;
        this.files = files;
    }

    /** The number of files of the workspace for the benchmark's size: a quarter of it, within bounds. */
    static int files(int events) {
        return Math.min(MAX_FILES, Math.max(MIN_FILES, events / 4));
    }

    /**
     * Measures the scenario.
     *
     * @param directories makes a new empty directory for each workspace and data directory
     * @param events the benchmark's size; a quarter of it (at least 500, at most 10,000) is the
     *     number of files
     * @param progress told the scenario's name as it starts
     */
    static BenchmarkResult measure(Supplier<Path> directories, int events, Consumer<String> progress) {
        int files = files(events);
        progress.accept("checkpoint capture of " + files + " files beside git add + commit");
        return new CheckpointCapture(directories, files).run();
    }

    private BenchmarkResult run() {
        Path workspace = directories.get();
        Path copy = directories.get();
        Path data = directories.get();
        for (int i = 0; i < files; i++) {
            write(workspace.resolve(name(i)), content());
        }
        copyTree(workspace, copy);
        git(copy, "init", "-q");

        GitWorkspaceSnapshots snapshots = new GitWorkspaceSnapshots(data);
        Workspace project = Workspace.of(IDS.projectId(), workspace);
        ThreadId thread = IDS.threadId();
        CommitId[] parent = {null};
        long start = System.nanoTime();
        parent[0] = capture(snapshots, project, thread, null);
        double firstCapture = millis(System.nanoTime() - start);
        start = System.nanoTime();
        addAndCommit(copy);
        double firstCommit = millis(System.nanoTime() - start);

        Runnable threadline = () -> parent[0] = capture(snapshots, project, thread, parent[0]);
        Runnable plainGit = () -> addAndCommit(copy);
        double[] threadlineTimes = new double[REPETITIONS];
        double[] gitTimes = new double[REPETITIONS];
        for (int round = -WARM_UP_ROUNDS; round < REPETITIONS; round++) {
            int changed = Math.floorMod(round * 7919, files);
            String text = content();
            write(workspace.resolve(name(changed)), text);
            write(copy.resolve(name(changed)), text);
            boolean threadlineFirst = Math.floorMod(round, 2) == 0;
            double a = time(threadlineFirst ? threadline : plainGit);
            double b = time(threadlineFirst ? plainGit : threadline);
            if (round >= 0) {
                threadlineTimes[round] = threadlineFirst ? a : b;
                gitTimes[round] = threadlineFirst ? b : a;
            }
        }
        double threadlineMedian = median(threadlineTimes);
        double gitMedian = median(gitTimes);
        double ratio = gitMedian == 0 ? 0 : threadlineMedian / gitMedian;
        String detail = String.format(
                Locale.ROOT,
                "%,d files of 5 KB (%,d MB)%s; first capture %.0f ms (plain git add + first commit %.0f ms);"
                        + " one file changed a round, medians of %d",
                files,
                (long) files * FILE_BYTES / (1024 * 1024),
                files < MAX_FILES ? ", a quarter of --events (10,000 from --events 40000)" : "",
                firstCapture,
                firstCommit,
                REPETITIONS);
        return new BenchmarkResult(
                "checkpoint",
                "capture of a workspace with one file changed vs git add -A && git commit",
                "ms",
                threadlineMedian,
                gitMedian,
                ratio,
                "≤ 1.5× plain git add+commit",
                ratio <= TARGET,
                detail);
    }

    private static CommitId capture(
            GitWorkspaceSnapshots snapshots, Workspace project, ThreadId thread, CommitId parent) {
        return snapshots
                .capture(project, new CaptureRequest(thread, IDS.checkpointId(), parent, "bench", Instant.now()))
                .commit();
    }

    private static void addAndCommit(Path repository) {
        git(repository, "add", "-A");
        git(
                repository,
                "-c",
                "user.name=bench",
                "-c",
                "user.email=bench@localhost",
                "-c",
                "commit.gpgsign=false",
                "commit",
                "-q",
                "--no-verify",
                "-m",
                "x");
    }

    private static void git(Path repository, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", args) + " did not end");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + process.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }

    private static String name(int i) {
        int directory = i / FILES_PER_DIRECTORY;
        return String.format(Locale.ROOT, "d%02d/e%02d/file-%05d.txt", directory / 10, directory % 10, i);
    }

    /** 5 KB of lines of random words, as compressible as source text. */
    private String content() {
        StringBuilder text = new StringBuilder(FILE_BYTES);
        while (text.length() < FILE_BYTES) {
            int word = 2 + random.nextInt(8);
            for (int c = 0; c < word; c++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            text.append(random.nextInt(12) == 0 ? '\n' : ' ');
        }
        text.setLength(FILE_BYTES - 1);
        return text.append('\n').toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (var paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double time(Runnable side) {
        long start = System.nanoTime();
        side.run();
        return millis(System.nanoTime() - start);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
