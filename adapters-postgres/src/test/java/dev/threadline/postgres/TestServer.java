package dev.threadline.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server the tests run against ({@code THREADLINE_TEST_POSTGRES}, default {@code
 * postgresql://postgres@127.0.0.1:5432/postgres}); as an extension, a scratch database for each
 * test class, created before its first test and dropped after its last.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback {

    private static final Map<Class<?>, PostgresLocation> DATABASES = new ConcurrentHashMap<>();

    /** The server's maintenance database. */
    public static PostgresLocation server() {
        String url = System.getenv("THREADLINE_TEST_POSTGRES");
        return PostgresLocation.parse(
                url == null || url.isBlank() ? "postgresql://postgres@127.0.0.1:5432/postgres" : url);
    }

    /** A plain connection to a database of the server, as another program would open it. */
    public static Connection connect(PostgresLocation location) throws SQLException {
        Properties properties = new Properties();
        if (location.user() != null) {
            properties.setProperty("user", location.user());
        }
        if (location.password() != null) {
            properties.setProperty("password", location.password());
        }
        return DriverManager.getConnection(location.jdbcUrl(), properties);
    }

    /** The scratch database of a test class (its default schema). */
    public static PostgresLocation database(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            PostgresLocation location = DATABASES.get(type);
            if (location != null) {
                return location;
            }
        }
        throw new IllegalStateException(testClass + " is not extended with " + TestServer.class.getSimpleName());
    }

    /** Creates a scratch database on the server; fails with what to start when it cannot. */
    public static PostgresLocation createDatabase(String prefix) {
        PostgresLocation server = server();
        String name =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError(
                    "The PostgreSQL tests need a server at " + server + " (start it with `pg_ctlcluster"
                            + " --skip-systemctl-redirect 15 main start`, or point THREADLINE_TEST_POSTGRES at one): "
                            + e.getMessage(),
                    e);
        }
        return server.withDatabase(name);
    }

    /** Drops a scratch database, closing whatever connections are left on it. */
    public static void dropDatabase(PostgresLocation database) {
        try (Connection connection = connect(server());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new AssertionError("could not drop the scratch database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        DATABASES.put(
                testClass, createDatabase("tl_" + testClass.getSimpleName().toLowerCase()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PostgresLocation database = DATABASES.remove(context.getRequiredTestClass());
        if (database != null) {
            dropDatabase(database);
        }
    }
}
