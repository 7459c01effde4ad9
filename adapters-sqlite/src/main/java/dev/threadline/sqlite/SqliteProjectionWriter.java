package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.CHECKPOINTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGES;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_MESSAGE_DELTAS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_PROJECTS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_THREADS;
import static dev.threadline.sqlite.schema.Tables.PROJECTION_TURNS;
import static dev.threadline.sqlite.schema.Tables.SETTINGS;

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
import org.jooq.Table;

/**
 * The projector's writes, on the writer connection: upserts by kept statements, thread rows
 * deferred to the transaction's {@link KnownRows} and message rows to its {@link DeferredRows},
 * each written in one batch before its commit. A write that reads or changes the message tables
 * otherwise writes the kept message rows first.
 */
final class SqliteProjectionWriter implements ProjectionWriter {

    private final SqliteDatabase database;
    private final KeptStatements statements;
    private final ReadModelStatements sql;
    private final KnownRows known;
    private final PendingSearchDocuments pending;
    private final DeferredRows deferred;
    private final KnownDeltas deltas;

    SqliteProjectionWriter(
            SqliteDatabase database,
            KeptStatements statements,
            ReadModelStatements sql,
            KnownRows known,
            PendingSearchDocuments pending) {
        this.database = database;
        this.statements = statements;
        this.sql = sql;
        this.known = known;
        this.pending = pending;
        this.deferred = DeferredRows.of(database);
        this.deltas = KnownDeltas.of(database);
    }

    @Override
    public void putProject(ProjectView project) {
        statements.update(sql.upsert(PROJECTION_PROJECTS), ReadModelRowMapping.values(project));
    }

    @Override
    public void putThread(ThreadView thread) {
        if (database.inTransaction()) {
            database.withWriter(connection -> {
                known.changeThread(thread);
                return null;
            });
        } else {
            statements.update(sql.upsert(PROJECTION_THREADS), ReadModelRowMapping.values(thread));
        }
    }

    @Override
    public void putTurn(TurnView turn) {
        statements.update(sql.upsert(PROJECTION_TURNS), ReadModelRowMapping.values(turn));
    }

    @Override
    public void revertTurnsAfter(ThreadId thread, long ordinal, Instant at) {
        database.withWriter(connection -> database.sql(connection)
                .update(PROJECTION_TURNS)
                .set(PROJECTION_TURNS.STATUS, TurnStatus.REVERTED.label())
                .where(PROJECTION_TURNS.THREAD_ID.eq(thread.toString()), PROJECTION_TURNS.ORDINAL.gt(ordinal))
                .execute());
    }

    @Override
    public void putMessage(MessageView message) {
        if (!database.inTransaction()) {
            statements.update(sql.upsert(PROJECTION_MESSAGES), ReadModelRowMapping.values(message));
            statements.update(sql.dropDeltas.sql(), message.id());
            return;
        }
        database.withWriter(connection -> {
            deferred.keep(sql.upsert(PROJECTION_MESSAGES), ReadModelRowMapping.values(message));
            // The view carries the whole text, deltas included (as a read returns it): fold them away.
            if (!deltas.none()) {
                deferred.keep(sql.dropDeltas.sql(), new Object[] {message.id()});
            }
            return null;
        });
    }

    @Override
    public void appendMessageText(MessageId id, String delta, Instant at) {
        database.withWriter(connection -> {
            deferred.writeOut();
            // A row of its own rather than text = text || ?, so a delta's cost does not grow with the text.
            statements.update(sql.nextDelta.sql(), id, delta);
            statements.update(sql.touchMessage.sql(), at, id);
            deltas.added();
            return null;
        });
    }

    @Override
    public void putCheckpoint(CheckpointView checkpoint) {
        statements.update(sql.upsert(CHECKPOINTS), ReadModelRowMapping.values(checkpoint));
    }

    @Override
    public void putSetting(SettingView setting) {
        statements.update(sql.upsert(SETTINGS), ReadModelRowMapping.values(setting));
    }

    @Override
    public void removeSetting(String key) {
        database.withWriter(connection -> database.sql(connection)
                .deleteFrom(SETTINGS)
                .where(SETTINGS.KEY.eq(key))
                .execute());
    }

    @Override
    public void purgeThread(ThreadId thread) {
        String id = thread.toString();
        database.withWriter(connection -> {
            deferred.writeOut();
            known.forgetThread(id);
            var jooq = database.sql(connection);
            jooq.deleteFrom(PROJECTION_MESSAGE_DELTAS)
                    .where(PROJECTION_MESSAGE_DELTAS.MESSAGE_ID.in(jooq.select(PROJECTION_MESSAGES.MESSAGE_ID)
                            .from(PROJECTION_MESSAGES)
                            .where(PROJECTION_MESSAGES.THREAD_ID.eq(id))))
                    .execute();
            jooq.deleteFrom(PROJECTION_MESSAGES)
                    .where(PROJECTION_MESSAGES.THREAD_ID.eq(id))
                    .execute();
            jooq.deleteFrom(PROJECTION_TURNS)
                    .where(PROJECTION_TURNS.THREAD_ID.eq(id))
                    .execute();
            jooq.deleteFrom(CHECKPOINTS).where(CHECKPOINTS.THREAD_ID.eq(id)).execute();
            jooq.deleteFrom(PROJECTION_THREADS)
                    .where(PROJECTION_THREADS.THREAD_ID.eq(id))
                    .execute();
            return null;
        });
    }

    @Override
    public void clear() {
        // Every thread row goes, so the kept ones need not be written first.
        database.withWriter(connection -> {
            deferred.writeOut(); // the event rows it keeps stay; its message rows go with the rest
            known.forgetThreads();
            var jooq = database.sql(connection);
            for (Table<?> table : ReadModelStatements.READ_MODEL_TABLES) {
                jooq.deleteFrom(table).execute();
            }
            // The documents are gone: the index is emptied at once rather than document by document.
            pending.clear();
            return null;
        });
    }
}
