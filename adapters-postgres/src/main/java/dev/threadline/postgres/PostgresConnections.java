package dev.threadline.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Where a store's connections come from: a HikariCP pool of its own (closed with the store) or an
 * embedder's data source (left open). Every connection handed out has the store's schema as its
 * search path; once closed, none is handed out.
 */
final class PostgresConnections implements AutoCloseable {

    private final PostgresLocation location;
    private final DataSource dataSource;
    private final boolean ownsPool;
    private volatile boolean closed;

    PostgresConnections(PostgresLocation location, DataSource dataSource, boolean ownsPool) {
        this.location = location;
        this.dataSource = dataSource;
        this.ownsPool = ownsPool;
    }

    /** A pool of at most {@code size} connections whose search path is the location's schema. */
    static HikariDataSource pool(PostgresLocation location, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        if (location.user() != null) {
            config.setUsername(location.user());
        }
        if (location.password() != null) {
            config.setPassword(location.password());
        }
        config.setSchema(location.schema());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setPoolName("threadline");
        config.addDataSourceProperty("ApplicationName", "threadline");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw PostgresErrors.translate(location, "connect", e.getCause() == null ? e : e.getCause());
        }
    }

    /** Where an embedder's data source points, with the schema to use there; no password is kept. */
    static PostgresLocation locate(DataSource dataSource, String schema) {
        try (Connection connection = dataSource.getConnection()) {
            PostgresLocation location =
                    PostgresLocation.parse(connection.getMetaData().getURL());
            String user = connection.getMetaData().getUserName();
            return new PostgresLocation(
                    location.host(), location.port(), location.database(), user, null, schema, Map.of());
        } catch (SQLException e) {
            throw PostgresErrors.translate(
                    PostgresLocation.parse("postgresql://data-source/unknown?schema=" + schema), "connect", e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** A pooled connection whose search path is the schema; the caller closes it. */
    Connection borrow() {
        if (closed) {
            throw new StorageFailure(Reason.UNAVAILABLE, "the store at " + location + " is closed", null);
        }
        try {
            Connection connection = dataSource.getConnection();
            if (!ownsPool) {
                try {
                    connection.setSchema(location.schema());
                } catch (SQLException e) {
                    connection.close();
                    throw e;
                }
            }
            return connection;
        } catch (SQLException e) {
            throw PostgresErrors.translate(location, "connect", e);
        }
    }

    /**
     * A connection of its own for a long-lived session (listening for notifications): a new one
     * outside the pool when the store has its own pool, else one taken from the embedder's data
     * source for as long as it is held. The caller closes it.
     */
    Connection openDedicated() throws SQLException {
        if (!ownsPool) {
            return borrow();
        }
        Properties properties = new Properties();
        if (location.user() != null) {
            properties.setProperty("user", location.user());
        }
        if (location.password() != null) {
            properties.setProperty("password", location.password());
        }
        properties.setProperty("ApplicationName", "threadline-listen");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(location.jdbcUrl(), properties);
    }

    /** Hands a connection back in autocommit; a broken one is discarded by the pool. */
    static void release(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // A broken connection: closing it below hands it back, and the pool replaces it.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing is left to undo: the transaction has ended.
        }
    }

    @Override
    public void close() {
        closed = true;
        if (ownsPool && dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
