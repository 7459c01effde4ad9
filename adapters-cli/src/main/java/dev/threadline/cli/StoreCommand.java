package dev.threadline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A subcommand that opens the store, does its work and closes it. */
abstract class StoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    ThreadlineCli root() {
        return (ThreadlineCli) spec.root().userObject();
    }

    @Override
    public Integer call() {
        ThreadlineCli root = root();
        try (Session session = root.openSession()) {
            return run(session, root.output());
        }
    }

    /** Does the work; returns the exit code. */
    abstract int run(Session session, Output output);
}
