package dev.threadline.archfixture.application.port;

import dev.threadline.archfixture.application.command.FixtureResult;

/** A planted violation: a port that names a command's result, whose package names the port. */
public interface FixturePort {

    /** Stores a result. */
    void record(FixtureResult result);
}
