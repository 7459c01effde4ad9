package dev.threadline.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr, shown only when a person is watching a terminal; silent when piped. */
final class Progress implements LongConsumer, AutoCloseable {

    private final ProgressBar bar;

    Progress(PrintStream err, String label, long total) {
        this.bar = interactive()
                ? new ProgressBarBuilder()
                        .setTaskName(label)
                        .setInitialMax(total > 0 ? total : -1)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(200)
                        .setConsumer(new ConsoleProgressBarConsumer(err))
                        .continuousUpdate()
                        .build()
                : null;
    }

    /** Whether standard input and output are a terminal. */
    private static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 a console exists even when redirected; Console.isTerminal() tells (absent before 22).
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }

    @Override
    public void accept(long reached) {
        if (bar != null) {
            bar.stepTo(reached);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
