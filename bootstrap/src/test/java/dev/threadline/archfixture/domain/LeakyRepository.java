package dev.threadline.archfixture.domain;

import java.sql.Connection;

/**
 * A planted violation: a "domain" class that holds a JDBC connection. The architecture tests check
 * that the core rules report it; the real rules never see it, since they import no test classes.
 */
public final class LeakyRepository {

    private final Connection connection;

    public LeakyRepository(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }
}
