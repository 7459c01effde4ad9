package dev.threadline.postgres;

import static dev.threadline.postgres.jooq.Tables.EVENTS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.deleteFrom;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;

import java.util.Arrays;

/**
 * The log's statements, rendered once per store by {@link PostgresDialect}; every one selects
 * {@link TableColumns#EVENT} in that order, which {@link PostgresEventStore#read} decodes.
 */
final class EventStatements {

    final String insert;
    final String replay;
    final String replayUpTo;
    final String stream;
    final String all;
    final String last;
    final String deleteStream;
    final String deleteSequence;
    /** The stored copies of event ids (a text array): arrays are PostgreSQL's own. */
    final String byIds;

    EventStatements(PostgresDialect dialect) {
        insert = dialect.render(insertInto(EVENTS)
                .columns(TableColumns.EVENT)
                .values(Arrays.asList(new Object[TableColumns.EVENT.size()])));
        replay = dialect.render(select(TableColumns.EVENT)
                .from(EVENTS)
                .where(EVENTS.SEQUENCE.gt(0L))
                .orderBy(EVENTS.SEQUENCE));
        replayUpTo = dialect.render(select(TableColumns.EVENT)
                .from(EVENTS)
                .where(EVENTS.SEQUENCE.gt(0L))
                .and(EVENTS.SEQUENCE.le(0L))
                .orderBy(EVENTS.SEQUENCE));
        stream = dialect.render(select(TableColumns.EVENT)
                .from(EVENTS)
                .where(EVENTS.STREAM_ID.eq(""))
                .orderBy(EVENTS.STREAM_VERSION));
        all = dialect.render(select(TableColumns.EVENT).from(EVENTS).orderBy(EVENTS.SEQUENCE));
        last = dialect.render(select(coalesce(max(EVENTS.SEQUENCE), inline(0L))).from(EVENTS));
        deleteStream = dialect.render(deleteFrom(EVENTS).where(EVENTS.STREAM_ID.eq("")));
        deleteSequence = dialect.render(deleteFrom(EVENTS).where(EVENTS.SEQUENCE.eq(0L)));
        byIds = "SELECT " + TableColumns.names(TableColumns.EVENT) + " FROM events WHERE event_id = ANY (?)";
    }
}
