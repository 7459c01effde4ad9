package dev.threadline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A group of subcommands ({@code project}, {@code thread} …): alone, it is a usage error. */
abstract class GroupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ThreadlineCli root = (ThreadlineCli) spec.root().userObject();
        root.err().println("threadline: '" + spec.qualifiedName() + "' needs a subcommand.");
        spec.commandLine().usage(root.err());
        return ExitCode.USAGE;
    }
}
