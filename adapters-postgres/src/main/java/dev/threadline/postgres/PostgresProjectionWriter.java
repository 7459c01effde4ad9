package dev.threadline.postgres;

import static dev.threadline.postgres.jooq.Tables.CHECKPOINTS;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_MESSAGES;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_MESSAGE_DELTAS;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_THREADS;
import static dev.threadline.postgres.jooq.Tables.PROJECTION_TURNS;
import static dev.threadline.postgres.jooq.Tables.SETTINGS;
import static org.jooq.impl.DSL.deleteFrom;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.update;

import dev.threadline.application.port.ProjectionWriter;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.rules.TurnStatus;
import java.time.Instant;
import java.util.List;
import org.jooq.Field;

/**
 * The projector's writes, in the caller's transaction (queued, and sent with its next statement:
 * {@link PendingWrites}) or one of their own: upserts by primary key ({@code ON CONFLICT}, written
 * by hand on the generated columns), and updates and deletes rendered from the generated jOOQ
 * classes.
 */
final class PostgresProjectionWriter implements ProjectionWriter {

    /** The read-model tables, in the order they are compared and cleared. */
    static final List<String> TABLES = List.of(
            "projection_projects",
            "projection_threads",
            "projection_turns",
            "projection_messages",
            "projection_message_deltas",
            "checkpoints",
            "settings",
            "search_documents");

    private static final String PROJECT = upsert("projection_projects", TableColumns.PROJECT);
    private static final String THREAD = upsert("projection_threads", TableColumns.THREAD);
    private static final String TURN = upsert("projection_turns", TableColumns.TURN);
    /**
     * The view carries the whole text, deltas included (as a read returns it): the deltas are
     * folded away in the same statement. The message id is bound first, then the row.
     */
    private static final String MESSAGE = "WITH folded AS (DELETE FROM projection_message_deltas WHERE message_id ="
            + " ?) " + upsert("projection_messages", TableColumns.MESSAGE);
    /**
     * A delta is a row of its own rather than {@code text = text || ?}, so its cost does not grow
     * with the text; it is added only when the message row exists. Binds the time, the id, the delta.
     */
    private static final String DELTA = "WITH touched AS (UPDATE projection_messages SET updated_at = ? WHERE"
            + " message_id = ? RETURNING message_id) INSERT INTO projection_message_deltas (message_id, position,"
            + " delta) SELECT t.message_id, coalesce((SELECT max(d.position) FROM projection_message_deltas d WHERE"
            + " d.message_id = t.message_id), 0) + 1, ? FROM touched t";

    private static final String CHECKPOINT = upsert("checkpoints", TableColumns.CHECKPOINT);
    private static final String SETTING = upsert("settings", TableColumns.SETTING);

    private final PostgresDatabase database;
    private final String revertTurns;
    private final String removeSetting;
    private final List<String> purge;

    PostgresProjectionWriter(PostgresDatabase database) {
        this.database = database;
        PostgresDialect dialect = database.dialect();
        this.revertTurns = dialect.render(update(PROJECTION_TURNS)
                .set(PROJECTION_TURNS.STATUS, "")
                .where(PROJECTION_TURNS.THREAD_ID.eq(""))
                .and(PROJECTION_TURNS.ORDINAL.gt(0L)));
        this.removeSetting = dialect.render(deleteFrom(SETTINGS).where(SETTINGS.KEY.eq("")));
        this.purge = List.of(
                dialect.render(deleteFrom(PROJECTION_MESSAGE_DELTAS)
                        .where(PROJECTION_MESSAGE_DELTAS.MESSAGE_ID.in(select(PROJECTION_MESSAGES.MESSAGE_ID)
                                .from(PROJECTION_MESSAGES)
                                .where(PROJECTION_MESSAGES.THREAD_ID.eq(""))))),
                dialect.render(deleteFrom(PROJECTION_MESSAGES).where(PROJECTION_MESSAGES.THREAD_ID.eq(""))),
                dialect.render(deleteFrom(PROJECTION_TURNS).where(PROJECTION_TURNS.THREAD_ID.eq(""))),
                dialect.render(deleteFrom(CHECKPOINTS).where(CHECKPOINTS.THREAD_ID.eq(""))),
                dialect.render(deleteFrom(PROJECTION_THREADS).where(PROJECTION_THREADS.THREAD_ID.eq(""))));
    }

    /** {@code INSERT … ON CONFLICT (key) DO UPDATE} of every other column; the key is the first column. */
    static String upsert(String table, List<? extends Field<?>> columns) {
        String key = columns.get(0).getName();
        StringBuilder names = new StringBuilder(key);
        StringBuilder marks = new StringBuilder("?");
        StringBuilder updates = new StringBuilder();
        for (Field<?> field : columns.subList(1, columns.size())) {
            String column = field.getName();
            names.append(", ").append(column);
            marks.append(", ?");
            updates.append(updates.isEmpty() ? "" : ", ")
                    .append(column)
                    .append(" = excluded.")
                    .append(column);
        }
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ") ON CONFLICT (" + key
                + ") DO UPDATE SET " + updates;
    }

    @Override
    public void putProject(ProjectView project) {
        database.write(PROJECT, RowMapping.values(project));
    }

    @Override
    public void putThread(ThreadView thread) {
        database.write(THREAD, RowMapping.values(thread));
        WriteTransaction transaction = database.openTransaction();
        if (transaction != null) {
            transaction.knowThread(thread);
        }
    }

    @Override
    public void putTurn(TurnView turn) {
        database.write(TURN, RowMapping.values(turn));
    }

    @Override
    public void revertTurnsAfter(ThreadId thread, long ordinal, Instant at) {
        database.write(revertTurns, TurnStatus.REVERTED.label(), thread, ordinal);
    }

    @Override
    public void putMessage(MessageView message) {
        Object[] row = RowMapping.values(message);
        Object[] values = new Object[row.length + 1];
        values[0] = message.id();
        System.arraycopy(row, 0, values, 1, row.length);
        database.write(MESSAGE, values);
    }

    @Override
    public void appendMessageText(MessageId id, String delta, Instant at) {
        database.write(DELTA, at, id, delta);
    }

    @Override
    public void putCheckpoint(CheckpointView checkpoint) {
        database.write(CHECKPOINT, RowMapping.values(checkpoint));
    }

    @Override
    public void putSetting(SettingView setting) {
        database.write(SETTING, RowMapping.values(setting));
    }

    @Override
    public void removeSetting(String key) {
        database.write(removeSetting, key);
    }

    @Override
    public void purgeThread(ThreadId thread) {
        database.inTransaction(connection -> {
            for (String delete : purge) {
                database.update(delete, thread);
            }
            database.openTransaction().forgetThreads(thread);
            return null;
        });
    }

    @Override
    public void clear() {
        database.inTransaction(connection -> {
            database.update("TRUNCATE " + String.join(", ", TABLES));
            database.openTransaction().forgetThreads(null);
            return null;
        });
    }
}
