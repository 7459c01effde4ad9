package dev.threadline.archfixture.benchmark;

import dev.threadline.archfixture.cli.FixtureCommand;

/** A planted violation: a "benchmark" scenario that goes through the command line. */
public record ReachingScenario(FixtureCommand command) {}
