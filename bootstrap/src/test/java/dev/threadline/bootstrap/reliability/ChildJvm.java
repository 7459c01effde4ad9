package dev.threadline.bootstrap.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Child JVMs of the reliability tests: this test run's classpath, a main class, stderr to a file. */
final class ChildJvm {

    private ChildJvm() {}

    /** Starts {@code main} with the arguments in a new JVM on this classpath; stderr goes to the file. */
    static Process start(Class<?> main, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(err.toFile()).start();
    }

    /** A reader of the child's standard output, which the caller must close. */
    static BufferedReader output(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Whether the child printed {@code ready} as its first line within a minute. */
    static boolean awaitReady(BufferedReader out) throws Exception {
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return "ready".equals(out.readLine());
            } catch (IOException e) {
                return false;
            }
        });
        try {
            return ready.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return false;
        }
    }
}
