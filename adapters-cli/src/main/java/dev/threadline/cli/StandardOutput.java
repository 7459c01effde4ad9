package dev.threadline.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as a {@link PrintStream} that remembers why a write failed: a plain print stream
 * keeps only a flag ({@link #checkError()}), so the command line could not say what went wrong.
 */
public final class StandardOutput extends PrintStream {

    private final Recorder recorder;

    /** Writes to {@code target} (not flushed automatically; each print reaches it at once). */
    public StandardOutput(OutputStream target) {
        this(new Recorder(target));
    }

    private StandardOutput(Recorder recorder) {
        super(recorder, false, StandardCharsets.UTF_8);
        this.recorder = recorder;
    }

    /** The first write or flush failure, or null. */
    public IOException failure() {
        return recorder.failure;
    }

    private static final class Recorder extends FilterOutputStream {
        private volatile IOException failure;

        Recorder(OutputStream target) {
            super(target);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw record(e);
            }
        }

        private IOException record(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
