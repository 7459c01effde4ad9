package dev.threadline.archfixture.application;

import dev.threadline.archfixture.sqlite.FixtureStore;

/** A planted violation: an "application" class that reaches out to an adapter. */
public record ReachingUseCase(FixtureStore store) {}
