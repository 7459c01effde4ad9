package dev.threadline.sqlite;

import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * jOOQ set up for SQLite. Kept apart from the classes every command loads, so that loading them
 * loads none of jOOQ: only a statement jOOQ renders or runs does.
 */
final class SqliteDialect {

    private SqliteDialect() {}

    /** A context that renders SQLite without schema names. */
    static DSLContext rendering() {
        return DSL.using(SQLDialect.SQLITE, new Settings().withRenderSchema(false));
    }

    /** A context with the same settings that runs queries on the given connection. */
    static DSLContext on(Connection connection, DSLContext rendering) {
        return DSL.using(connection, SQLDialect.SQLITE, rendering.settings());
    }
}
