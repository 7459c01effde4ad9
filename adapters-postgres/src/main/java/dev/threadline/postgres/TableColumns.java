package dev.threadline.postgres;

import static dev.threadline.postgres.jooq.Tables.CHECKPOINTS;
import static dev.threadline.postgres.jooq.Tables.EVENTS;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_MESSAGES;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_PROJECTS;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_THREADS;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_TURNS;
import static dev.threadline.postgres.jooq.Tables.SETTINGS;

import java.util.List;
import org.jooq.Field;

/**
 * The columns each table is read and written by, in the order {@link RowMapping} maps them: named
 * explicitly rather than as a table's every field, so a column the other dialect adds does not
 * reach this one's statements.
 */
final class TableColumns {

    private TableColumns() {}

    static final List<Field<?>> EVENT = List.of(
            EVENTS.SEQUENCE,
            EVENTS.EVENT_ID,
            EVENTS.STREAM_ID,
            EVENTS.STREAM_VERSION,
            EVENTS.EVENT_TYPE,
            EVENTS.OCCURRED_AT,
            EVENTS.RECORDED_AT,
            EVENTS.COMMAND_ID,
            EVENTS.CAUSATION_ID,
            EVENTS.CORRELATION_ID,
            EVENTS.PAYLOAD);

    static final List<Field<?>> PROJECT = List.of(
            PROJECTION_PROJECTS.PROJECT_ID,
            PROJECTION_PROJECTS.NAME,
            PROJECTION_PROJECTS.PATH,
            PROJECTION_PROJECTS.DELETED,
            PROJECTION_PROJECTS.CREATED_AT,
            PROJECTION_PROJECTS.UPDATED_AT,
            PROJECTION_PROJECTS.STREAM_VERSION);

    static final List<Field<?>> THREAD = List.of(
            PROJECTION_THREADS.THREAD_ID,
            PROJECTION_THREADS.PROJECT_ID,
            PROJECTION_THREADS.TITLE,
            PROJECTION_THREADS.MODEL,
            PROJECTION_THREADS.ARCHIVED,
            PROJECTION_THREADS.DELETED,
            PROJECTION_THREADS.TURN_COUNT,
            PROJECTION_THREADS.MESSAGE_COUNT,
            PROJECTION_THREADS.RUNNING_TURN_ID,
            PROJECTION_THREADS.CREATED_AT,
            PROJECTION_THREADS.LAST_ACTIVITY_AT,
            PROJECTION_THREADS.STREAM_VERSION,
            PROJECTION_THREADS.PARENT_THREAD_ID,
            PROJECTION_THREADS.FORK_MESSAGE_ID);

    static final List<Field<?>> TURN = List.of(
            PROJECTION_TURNS.TURN_ID,
            PROJECTION_TURNS.THREAD_ID,
            PROJECTION_TURNS.ORDINAL,
            PROJECTION_TURNS.STATUS,
            PROJECTION_TURNS.ERROR,
            PROJECTION_TURNS.STARTED_AT,
            PROJECTION_TURNS.ENDED_AT);

    static final List<Field<?>> MESSAGE = List.of(
            PROJECTION_MESSAGES.MESSAGE_ID,
            PROJECTION_MESSAGES.THREAD_ID,
            PROJECTION_MESSAGES.TURN_ID,
            PROJECTION_MESSAGES.ORDINAL,
            PROJECTION_MESSAGES.ROLE,
            PROJECTION_MESSAGES.TEXT,
            PROJECTION_MESSAGES.STREAMING,
            PROJECTION_MESSAGES.CREATED_AT,
            PROJECTION_MESSAGES.UPDATED_AT);

    static final List<Field<?>> CHECKPOINT = List.of(
            CHECKPOINTS.CHECKPOINT_ID,
            CHECKPOINTS.THREAD_ID,
            CHECKPOINTS.TURN_ID,
            CHECKPOINTS.GIT_REF,
            CHECKPOINTS.MESSAGE,
            CHECKPOINTS.CREATED_AT,
            CHECKPOINTS.RESTORED_AT,
            CHECKPOINTS.SNAPSHOT_COMMIT,
            CHECKPOINTS.SKIPPED);

    static final List<Field<?>> SETTING = List.of(SETTINGS.KEY, SETTINGS.VALUE, SETTINGS.UPDATED_AT);

    /** Column names, as hand-written statements spell them. */
    static String names(List<Field<?>> columns) {
        StringBuilder names = new StringBuilder();
        for (Field<?> column : columns) {
            names.append(names.isEmpty() ? "" : ", ").append(column.getName());
        }
        return names.toString();
    }
}
