package dev.threadline.cli;

import java.io.PrintStream;
import java.util.function.LongConsumer;

/** A one-line progress display on stderr, shown only when a person is watching a terminal. */
final class Progress implements LongConsumer, AutoCloseable {

    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean shown;
    private boolean drawn;

    Progress(PrintStream err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.shown = System.console() != null;
    }

    @Override
    public void accept(long reached) {
        if (!shown) {
            return;
        }
        int width = 30;
        int filled = total <= 0 ? width : (int) Math.min(width, reached * width / total);
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + reached
                + (total > 0 ? "/" + total : ""));
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (drawn) {
            err.println();
        }
    }
}
