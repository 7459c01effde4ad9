package dev.threadline.sqlite;

import dev.threadline.application.port.ProjectorPositions;

/**
 * Projector positions in {@code projector_positions}. Inside a transaction a position is read
 * once and written once, just before the commit, through the transaction's {@link KnownRows}.
 */
final class SqliteProjectorPositions implements ProjectorPositions {

    private final SqliteDatabase database;
    private final KeptStatements statements;
    private final ReadModelStatements sql;
    private final KnownRows known;

    SqliteProjectorPositions(
            SqliteDatabase database, KeptStatements statements, ReadModelStatements sql, KnownRows known) {
        this.database = database;
        this.statements = statements;
        this.sql = sql;
        this.known = known;
    }

    private long read(String projector) {
        return statements.query(ReadModelStatements.POSITION, rows -> rows.next() ? rows.getLong(1) : 0L, projector);
    }

    @Override
    public long position(String projector) {
        if (!database.inTransaction()) {
            return read(projector);
        }
        return database.withWriter(connection -> {
            Long seen = known.position(projector);
            if (seen != null) {
                return seen;
            }
            long read = read(projector);
            known.readPosition(projector, read);
            return read;
        });
    }

    @Override
    public void setPosition(String projector, long sequence) {
        if (database.inTransaction()) {
            database.withWriter(connection -> {
                known.changePosition(projector, sequence);
                return null;
            });
        } else {
            statements.update(sql.setPosition(), projector, sequence);
        }
    }
}
