package dev.threadline.archfixture.sqlite;

import dev.threadline.archfixture.cli.FixtureCommand;

/** A planted violation: an adapter that uses another adapter, closing a cycle with it. */
public record FixtureStore(FixtureCommand command) {}
