package dev.threadline.archfixture.bootstrap.store;

import java.sql.Connection;

/** A planted violation: storage code in a subpackage of the composition root, using JDBC itself. */
public record StrayStore(Connection connection) {}
