package dev.threadline.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection that may fail with an SQL error. */
@FunctionalInterface
public interface SqlWork<T> {

    /** Does the work. */
    T run(Connection connection) throws SQLException;
}
