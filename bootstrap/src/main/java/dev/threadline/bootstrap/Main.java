package dev.threadline.bootstrap;

import dev.threadline.cli.StandardOutput;
import dev.threadline.cli.ThreadlineCli;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The command line's entry point: wires the store into the command line and exits with its code. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // StandardOutput keeps the reason of a failed write (full disk, closed pipe) for the error message.
        PrintStream out = new StandardOutput(new FileOutputStream(FileDescriptor.out));
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = ThreadlineCli.run(ThreadlineSession.ACCESS, ThreadlineBench.RUNNER, System.in, out, err, args);
        out.flush();
        System.exit(code);
    }
}
