package dev.threadline.postgres;

import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Renders statements written on the jOOQ classes generated from the SQLite migrations (package
 * {@code jooq}) in PostgreSQL's dialect: the dialect is a setting of the context, and this
 * schema's columns bind the same Java types. The classes' unnamed default schema is mapped to the
 * store's schema. Each port renders its statements once, when the store opens, and runs them as
 * pgjdbc prepared statements, so no statement is rendered per call. SQL that PostgreSQL alone has
 * (locks, notifications, full-text search, {@code ON CONFLICT}, arrays, {@code VACUUM}) is
 * written by hand beside it.
 */
final class PostgresDialect {

    private final DSLContext context;

    PostgresDialect(String schema) {
        Settings settings = new Settings()
                .withRenderMapping(new RenderMapping()
                        .withSchemata(new MappedSchema().withInput("").withOutput(schema)))
                .withRenderFormatted(false)
                .withExecuteLogging(false);
        this.context = DSL.using(SQLDialect.POSTGRES, settings);
    }

    /** The statement's SQL, its bind values as {@code ?} in the order they were written. */
    String render(QueryPart statement) {
        return context.render(statement);
    }
}
