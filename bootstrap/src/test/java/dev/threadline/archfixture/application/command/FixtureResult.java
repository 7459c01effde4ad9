package dev.threadline.archfixture.application.command;

import dev.threadline.archfixture.application.port.FixturePort;

/** A planted violation: a command package that uses a port whose package uses it back. */
public record FixtureResult(FixturePort recordedBy) {}
