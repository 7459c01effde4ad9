package dev.threadline.postgres;

import static dev.threadline.postgres.jooq.Tables.CHECKPOINTS;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_MESSAGES;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_MESSAGE_DELTAS;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_PROJECTS;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_THREADS;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_TURNS;
import static dev.threadline.postgres.jooq.Tables.SETTINGS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.listAgg;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import dev.threadline.postgres.jooq.tables.ProjectionMessageDeltas;
import dev.threadline.postgres.jooq.tables.ProjectionMessages;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * The read models' queries, rendered once per store by {@link PostgresDialect}; each selects the
 * columns of {@link TableColumns} that {@link RowMapping} maps.
 */
final class ReadModelStatements {

    final String project;
    final String allProjects;
    final String liveProjects;
    final String livePath;
    final String thread;
    final String liveThreadsOf;
    final String turn;
    final String turnsOf;
    final String message;
    final String messagesOf;
    final String messageState;
    final String streamingMessagesOf;
    final String checkpoint;
    final String checkpointsOf;
    final String setting;
    final String settings;
    /** The thread listings, indexed by {@link #threads}'s three choices. */
    private final String[] threads = new String[8];

    ReadModelStatements(PostgresDialect dialect) {
        project = dialect.render(
                select(TableColumns.PROJECT).from(PROJECTION_PROJECTS).where(PROJECTION_PROJECTS.PROJECT_ID.eq("")));
        allProjects = dialect.render(select(TableColumns.PROJECT).from(PROJECTION_PROJECTS));
        liveProjects = dialect.render(
                select(TableColumns.PROJECT).from(PROJECTION_PROJECTS).where(PROJECTION_PROJECTS.DELETED.isFalse()));
        livePath = dialect.render(selectOne()
                .from(PROJECTION_PROJECTS)
                .where(PROJECTION_PROJECTS.PATH.eq(""))
                .and(PROJECTION_PROJECTS.DELETED.isFalse())
                .limit(inline(1)));
        thread = dialect.render(
                select(TableColumns.THREAD).from(PROJECTION_THREADS).where(PROJECTION_THREADS.THREAD_ID.eq("")));
        for (int choice = 0; choice < threads.length; choice++) {
            List<Condition> conditions = new ArrayList<>();
            conditions.add((choice & 1) != 0 ? PROJECTION_THREADS.PROJECT_ID.eq("") : noCondition());
            conditions.add((choice & 2) != 0 ? noCondition() : PROJECTION_THREADS.ARCHIVED.isFalse());
            conditions.add((choice & 4) != 0 ? noCondition() : PROJECTION_THREADS.DELETED.isFalse());
            threads[choice] = dialect.render(
                    select(TableColumns.THREAD).from(PROJECTION_THREADS).where(conditions));
        }
        liveThreadsOf = dialect.render(select(PROJECTION_THREADS.THREAD_ID, PROJECTION_THREADS.CREATED_AT)
                .from(PROJECTION_THREADS)
                .where(PROJECTION_THREADS.PROJECT_ID.eq(""))
                .and(PROJECTION_THREADS.DELETED.isFalse()));
        turn = dialect.render(select(TableColumns.TURN).from(PROJECTION_TURNS).where(PROJECTION_TURNS.TURN_ID.eq("")));
        turnsOf = dialect.render(select(TableColumns.TURN)
                .from(PROJECTION_TURNS)
                .where(PROJECTION_TURNS.THREAD_ID.eq(""))
                .orderBy(PROJECTION_TURNS.ORDINAL));
        ProjectionMessages m = PROJECTION_MESSAGES.as("m");
        List<Field<?>> messageColumns = messageWithDeltas(m);
        message = dialect.render(select(messageColumns).from(m).where(m.MESSAGE_ID.eq("")));
        messagesOf = dialect.render(
                select(messageColumns).from(m).where(m.THREAD_ID.eq("")).orderBy(m.ORDINAL));
        messageState = dialect.render(select(
                        PROJECTION_MESSAGES.MESSAGE_ID,
                        PROJECTION_MESSAGES.THREAD_ID,
                        PROJECTION_MESSAGES.TURN_ID,
                        PROJECTION_MESSAGES.STREAMING)
                .from(PROJECTION_MESSAGES)
                .where(PROJECTION_MESSAGES.MESSAGE_ID.eq("")));
        streamingMessagesOf = dialect.render(select(PROJECTION_MESSAGES.MESSAGE_ID)
                .from(PROJECTION_MESSAGES)
                .where(PROJECTION_MESSAGES.TURN_ID.eq(""))
                .and(PROJECTION_MESSAGES.STREAMING.isTrue())
                .orderBy(PROJECTION_MESSAGES.ORDINAL));
        checkpoint = dialect.render(
                select(TableColumns.CHECKPOINT).from(CHECKPOINTS).where(CHECKPOINTS.CHECKPOINT_ID.eq("")));
        checkpointsOf =
                dialect.render(select(TableColumns.CHECKPOINT).from(CHECKPOINTS).where(CHECKPOINTS.THREAD_ID.eq("")));
        setting = dialect.render(select(TableColumns.SETTING).from(SETTINGS).where(SETTINGS.KEY.eq("")));
        settings = dialect.render(select(TableColumns.SETTING).from(SETTINGS).orderBy(SETTINGS.KEY.collate("C")));
    }

    /** The thread listing: of one project or all, with archived threads or not, with deleted ones or not. */
    String threads(boolean ofProject, boolean withArchived, boolean withDeleted) {
        return threads[(ofProject ? 1 : 0) | (withArchived ? 2 : 0) | (withDeleted ? 4 : 0)];
    }

    /** A message's columns, its text followed by the deltas streamed into it so far. */
    private static List<Field<?>> messageWithDeltas(ProjectionMessages m) {
        ProjectionMessageDeltas d = PROJECTION_MESSAGE_DELTAS.as("d");
        Field<String> streamed = field(select(listAgg(d.DELTA, "").withinGroupOrderBy(d.POSITION))
                .from(d)
                .where(d.MESSAGE_ID.eq(m.MESSAGE_ID)));
        List<Field<?>> columns = new ArrayList<>();
        for (Field<?> column : TableColumns.MESSAGE) {
            Field<?> own = m.field(column);
            columns.add(column.equals(PROJECTION_MESSAGES.TEXT) ? m.TEXT.concat(coalesce(streamed, inline(""))) : own);
        }
        return columns;
    }
}
