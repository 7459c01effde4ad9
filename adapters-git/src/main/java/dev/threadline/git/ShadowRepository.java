package dev.threadline.git;

import dev.threadline.domain.error.StorageFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One project's bare shadow repository, seen together with the workspace it snapshots. Every git
 * call names the repository, the work tree and a private index inside the repository, and pins
 * the settings that would otherwise change what a snapshot holds (line endings, links, file
 * modes) or run code of the user's (hooks, signing).
 */
final class ShadowRepository {

    private final GitProgram git;
    private final Path gitDir;
    private final Path workTree;
    private final List<String> options;

    /**
     * @param gitDir the bare repository
     * @param workTree the workspace, or null for calls that need none
     */
    ShadowRepository(GitProgram git, Path gitDir, Path workTree) {
        this.git = git;
        this.gitDir = gitDir;
        this.workTree = workTree;
        List<String> o = new ArrayList<>();
        o.add("--git-dir=" + gitDir);
        if (workTree != null) {
            o.add("--work-tree=" + workTree);
        }
        for (String setting : List.of(
                "core.autocrlf=false",
                "core.safecrlf=false",
                "core.symlinks=true",
                "core.fileMode=true",
                "core.ignoreCase=false",
                "core.quotePath=false",
                "core.hooksPath=/dev/null",
                "core.fsmonitor=false",
                "commit.gpgSign=false",
                "gc.autoDetach=false",
                "color.ui=never")) {
            o.add("-c");
            o.add(setting);
        }
        Path exclude = workTree == null ? null : UserRepository.excludeFileOf(workTree);
        if (exclude != null) {
            o.add("-c");
            o.add("core.excludesFile=" + exclude);
        }
        this.options = List.copyOf(o);
    }

    Path gitDir() {
        return gitDir;
    }

    Path workTree() {
        return workTree;
    }

    boolean exists() {
        return Files.isRegularFile(gitDir.resolve("HEAD")) && Files.isDirectory(gitDir.resolve("objects"));
    }

    /**
     * Creates the bare repository, fully or not at all: it is made under a temporary name and moved
     * into place. Call it holding the project's lock.
     */
    void create() {
        Path temporary = gitDir.resolveSibling(gitDir.getFileName() + ".tmp-" + UUID.randomUUID());
        GitProgram.Result init = git.start(
                List.of("init", "--bare", "--quiet", "--template=", temporary.toString()),
                gitDir.getParent(),
                Map.of(),
                null);
        if (!init.ok()) {
            throw failure("could not create the checkpoint repository " + gitDir, init);
        }
        try {
            try {
                Files.move(temporary, gitDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, gitDir);
            }
        } catch (IOException e) {
            throw new StorageFailure(
                    StorageFailure.Reason.UNAVAILABLE, "could not create the checkpoint repository " + gitDir, e);
        }
    }

    /**
     * Removes what a killed process may have left: git's lock files for the private index and the
     * refs, and half-made repositories. Call it holding the project's lock, which guarantees that
     * no live caller of ours owns them.
     */
    void clearLeftovers() {
        try {
            Files.deleteIfExists(index().resolveSibling(index().getFileName() + ".lock"));
            Files.deleteIfExists(gitDir.resolve("packed-refs.lock"));
            Path refs = gitDir.resolve("refs");
            if (Files.isDirectory(refs)) {
                try (Stream<Path> walk = Files.walk(refs)) {
                    for (Path lock :
                            walk.filter(p -> p.toString().endsWith(".lock")).toList()) {
                        Files.deleteIfExists(lock);
                    }
                }
            }
            try (DirectoryStream<Path> stale =
                    Files.newDirectoryStream(gitDir.getParent(), gitDir.getFileName() + ".tmp-*")) {
                for (Path dir : stale) {
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            throw new StorageFailure(
                    StorageFailure.Reason.FAILED, "could not clean up the checkpoint repository " + gitDir, e);
        }
    }

    /** The private index: the shadow repository's own, never the user's. */
    Path index() {
        return gitDir.resolve("threadline-index");
    }

    /** Runs git on this repository and returns its result, whatever the exit code. */
    GitProgram.Result tryRun(byte[] stdin, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(options);
        command.addAll(List.of(args));
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("GIT_INDEX_FILE", index().toString());
        return git.start(command, workTree != null ? workTree : gitDir, environment, stdin);
    }

    /** Runs git on this repository and returns its output, failing unless it succeeds. */
    byte[] run(byte[] stdin, Map<String, String> env, String... args) {
        GitProgram.Result result = tryRun(stdin, env, args);
        if (!result.ok()) {
            throw failure("git " + args[0] + " failed in the checkpoint repository " + gitDir, result);
        }
        return result.out();
    }

    byte[] run(String... args) {
        return run(null, Map.of(), args);
    }

    /** Output as one line of text, without its line end. */
    String line(String... args) {
        return new String(run(args), StandardCharsets.UTF_8).strip();
    }

    static StorageFailure failure(String what, GitProgram.Result result) {
        String detail = result.err().strip();
        int end = detail.indexOf('\n');
        return new StorageFailure(
                StorageFailure.Reason.FAILED,
                what + (detail.isEmpty() ? "" : ": " + (end < 0 ? detail : detail.substring(0, end))),
                null);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
