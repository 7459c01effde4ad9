package dev.threadline.sqlite;

import static dev.threadline.sqlite.ReadModelTable.CHECKPOINTS;
import static dev.threadline.sqlite.ReadModelTable.MESSAGES;
import static dev.threadline.sqlite.ReadModelTable.PROJECTS;
import static dev.threadline.sqlite.ReadModelTable.SETTINGS;
import static dev.threadline.sqlite.ReadModelTable.THREADS;
import static dev.threadline.sqlite.ReadModelTable.TURNS;

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

    /** The message row put last, which its search document may rely on. */
    private final LastMessagePut lastPut;

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
        this.lastPut = LastMessagePut.of(database);
        this.deltas = KnownDeltas.of(database);
    }

    @Override
    public void putProject(ProjectView project) {
        lastPut.forget();
        statements.update(sql.upsert(PROJECTS), ReadModelRowMapping.values(project));
    }

    @Override
    public void putThread(ThreadView thread) {
        lastPut.forget();
        if (database.inTransaction()) {
            database.withWriter(connection -> {
                known.changeThread(thread);
                return null;
            });
        } else {
            statements.update(sql.upsert(THREADS), ReadModelRowMapping.values(thread));
        }
    }

    @Override
    public void putTurn(TurnView turn) {
        lastPut.forget();
        statements.update(sql.upsert(TURNS), ReadModelRowMapping.values(turn));
    }

    @Override
    public void revertTurnsAfter(ThreadId thread, long ordinal, Instant at) {
        lastPut.forget();
        statements.update(ReadModelStatements.SET_STATUS_OF_TURNS_AFTER, TurnStatus.REVERTED.label(), thread, ordinal);
    }

    @Override
    public void putMessage(MessageView message) {
        lastPut.forget();
        if (!database.inTransaction()) {
            statements.update(sql.upsert(MESSAGES), ReadModelRowMapping.values(message));
            statements.update(ReadModelStatements.DROP_DELTAS, message.id());
            return;
        }
        database.withWriter(connection -> {
            deferred.keep(sql.upsert(MESSAGES), ReadModelRowMapping.values(message));
            // The view carries the whole text, deltas included (as a read returns it): fold them away.
            if (!deltas.none()) {
                deferred.keep(ReadModelStatements.DROP_DELTAS, new Object[] {message.id()});
            }
            lastPut.put(message);
            return null;
        });
    }

    @Override
    public void appendMessageText(MessageId id, String delta, Instant at) {
        lastPut.forget();
        database.withWriter(connection -> {
            deferred.writeOut();
            // A row of its own rather than text = text || ?, so a delta's cost does not grow with the text.
            statements.update(ReadModelStatements.NEXT_DELTA, id, delta);
            statements.update(ReadModelStatements.TOUCH_MESSAGE, at, id);
            deltas.added();
            return null;
        });
    }

    @Override
    public void putCheckpoint(CheckpointView checkpoint) {
        lastPut.forget();
        statements.update(sql.upsert(CHECKPOINTS), ReadModelRowMapping.values(checkpoint));
    }

    @Override
    public void putSetting(SettingView setting) {
        lastPut.forget();
        statements.update(sql.upsert(SETTINGS), ReadModelRowMapping.values(setting));
    }

    @Override
    public void removeSetting(String key) {
        lastPut.forget();
        statements.update(ReadModelStatements.REMOVE_SETTING, key);
    }

    @Override
    public void purgeThread(ThreadId thread) {
        lastPut.forget();
        String id = thread.toString();
        database.withWriter(connection -> {
            deferred.writeOut();
            known.forgetThread(id);
            for (String delete : ReadModelStatements.PURGE_THREAD) {
                statements.update(delete, id);
            }
            return null;
        });
    }

    @Override
    public void clear() {
        lastPut.forget();
        // Every thread row goes, so the kept ones need not be written first.
        database.withWriter(connection -> {
            deferred.writeOut(); // the event rows it keeps stay; its message rows go with the rest
            known.forgetThreads();
            ReadModelScans.deleteAll(database.sql(connection));
            // The documents are gone: the index is emptied at once rather than document by document.
            pending.clear();
            return null;
        });
    }
}
