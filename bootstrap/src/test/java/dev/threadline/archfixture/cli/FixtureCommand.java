package dev.threadline.archfixture.cli;

import dev.threadline.archfixture.sqlite.FixtureStore;

/** A planted violation: an adapter that uses another adapter, closing a cycle with it. */
public record FixtureCommand(FixtureStore store) {}
