package dev.threadline.archfixture.json;

import dev.threadline.archfixture.sqlite.FixtureStore;

/** A planted violation: a "codec" class that uses a storage adapter. */
public record LeakyCodec(FixtureStore store) {}
