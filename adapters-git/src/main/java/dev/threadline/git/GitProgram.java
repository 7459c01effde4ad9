package dev.threadline.git;

import dev.threadline.domain.error.StorageFailure;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code git} program, run with an environment of our own: nothing inherited from the caller
 * steers it to another repository, index or configuration, and no system or user configuration
 * is read.
 */
final class GitProgram {

    /** The oldest version whose options this adapter uses ({@code --pathspec-from-file} on add and rm). */
    static final int[] MINIMUM_VERSION = {2, 30};

    private static final Pattern VERSION = Pattern.compile("git version (\\d+)\\.(\\d+)");

    /** What one run printed and how it ended. */
    record Result(int exitCode, byte[] out, String err) {

        boolean ok() {
            return exitCode == 0;
        }

        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /** Pumps standard error and input beside the caller reading standard output; blocking work, so not the common pool. */
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "threadline-git-pump");
        thread.setDaemon(true);
        return thread;
    });

    private final String executable;
    private final Path home;
    private volatile boolean checked;

    /**
     * @param executable the program's name (looked up on the PATH) or path
     * @param home an empty-of-configuration directory to use as HOME
     */
    GitProgram(String executable, Path home) {
        this.executable = executable;
        this.home = home;
    }

    /** Fails with one sentence unless the program runs and is recent enough; checks once. */
    void requireAvailable() {
        if (checked) {
            return;
        }
        Result version = start(List.of("--version"), null, Map.of(), null);
        Matcher m = VERSION.matcher(version.outText());
        if (!version.ok() || !m.find()) {
            throw new StorageFailure(
                    StorageFailure.Reason.UNAVAILABLE,
                    "checkpoints need the git program, but '" + executable + "' does not answer as git: "
                            + version.err().strip(),
                    null);
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < MINIMUM_VERSION[0] || major == MINIMUM_VERSION[0] && minor < MINIMUM_VERSION[1]) {
            throw new StorageFailure(
                    StorageFailure.Reason.UNAVAILABLE,
                    "checkpoints need git " + MINIMUM_VERSION[0] + "." + MINIMUM_VERSION[1] + " or later, but '"
                            + executable + "' is version " + major + "." + minor,
                    null);
        }
        checked = true;
    }

    /**
     * Runs git and returns what it printed, whatever its exit code.
     *
     * @param args the arguments after the program's name
     * @param directory the working directory, or null for the current one
     * @param env variables to set on top of the clean environment
     * @param stdin bytes to write to its standard input, or null for none
     */
    Result start(List<String> args, Path directory, Map<String, String> env, byte[] stdin) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(executable);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("GIT_"));
        environment.remove("XDG_CONFIG_HOME");
        environment.remove("LANGUAGE");
        environment.put("LC_ALL", "C");
        environment.put("HOME", home.toString());
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
        environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
        environment.put("GIT_TERMINAL_PROMPT", "0");
        environment.putAll(env);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StorageFailure(
                    StorageFailure.Reason.UNAVAILABLE,
                    "checkpoints need the git program, which was not found ('" + executable
                            + "' could not be started); install git " + MINIMUM_VERSION[0] + "."
                            + MINIMUM_VERSION[1] + " or later",
                    e);
        }
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), PUMPS);
        CompletableFuture<Void> in = stdin == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> writeAll(process.getOutputStream(), stdin), PUMPS);
        try {
            byte[] out = readAll(process.getInputStream());
            int exit = process.waitFor();
            in.join();
            return new Result(exit, out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StorageFailure(StorageFailure.Reason.FAILED, "interrupted while git was running", e);
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            stream.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAll(OutputStream stream, byte[] bytes) {
        try (stream) {
            stream.write(bytes);
        } catch (IOException e) {
            // git stopped reading (it failed early); its exit code and stderr tell why.
        }
    }
}
