package dev.threadline.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the row a result set stands on. */
@FunctionalInterface
interface RowReader<T> {

    T read(ResultSet row) throws SQLException;
}
