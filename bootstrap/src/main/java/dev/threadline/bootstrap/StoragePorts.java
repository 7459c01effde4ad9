package dev.threadline.bootstrap;

import dev.threadline.application.port.CommandReceipts;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.port.Maintenance;
import dev.threadline.application.port.ProjectionStorage;
import dev.threadline.application.port.ScratchSpace;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.store.EventStore;
import dev.threadline.json.EventJsonCodec;
import dev.threadline.postgres.PostgresCommandReceipts;
import dev.threadline.postgres.PostgresDatabase;
import dev.threadline.postgres.PostgresEventStore;
import dev.threadline.postgres.PostgresLocation;
import dev.threadline.postgres.PostgresLogRemoval;
import dev.threadline.postgres.PostgresMaintenance;
import dev.threadline.postgres.PostgresNotifications;
import dev.threadline.postgres.PostgresProjections;
import dev.threadline.sqlite.SqliteCommandReceipts;
import dev.threadline.sqlite.SqliteDatabase;
import dev.threadline.sqlite.SqliteEventStore;
import dev.threadline.sqlite.SqliteLogRemoval;
import dev.threadline.sqlite.SqliteMaintenance;
import dev.threadline.sqlite.SqliteOptions;
import dev.threadline.sqlite.SqliteProjections;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * One store's ports as a storage adapter opens them: the SQLite file of a data directory, or a
 * schema on a PostgreSQL server. This is the only place that names a storage adapter; every port
 * of one instance works on the same database.
 *
 * @param file the SQLite file, or null for a server
 * @param wakeups starts delivering other nodes' commits to the given action, or null when polling
 *     alone finds them
 * @param close releases the store
 */
record StoragePorts(
        EventStore events,
        ProjectionStorage projections,
        CommandReceipts receipts,
        Maintenance maintenance,
        ScratchSpace scratch,
        LogRemoval removal,
        Path file,
        Function<Runnable, AutoCloseable> wakeups,
        AutoCloseable close) {

    /** The SQLite file of a data directory, created when absent. */
    static StoragePorts sqlite(Path dataDirectory, SqliteOptions sqlite, Clock clock) {
        SqliteDatabase database = SqliteDatabase.open(dataDirectory.resolve(SqliteDatabase.FILE_NAME), sqlite);
        EventJsonCodec codec = new EventJsonCodec();
        return new StoragePorts(
                new SqliteEventStore(database, codec, clock),
                SqliteProjections.storage(database),
                new SqliteCommandReceipts(database, clock),
                new SqliteMaintenance(database),
                SqliteProjections.scratchSpace(sqlite),
                new SqliteLogRemoval(database, codec),
                database.file(),
                null,
                database::close);
    }

    /**
     * The PostgreSQL schema a {@code postgresql://} URL names.
     *
     * @throws InvalidInput when the URL is not one Threadline reads
     */
    static StoragePorts postgres(String databaseUrl, Clock clock) {
        if (!PostgresLocation.isPostgresUrl(databaseUrl)) {
            throw new InvalidInput("the database URL must name a PostgreSQL database"
                    + " (postgresql://user@host:port/database); without one the store is the SQLite file in the"
                    + " data directory");
        }
        return postgres(PostgresDatabase.open(PostgresLocation.parse(databaseUrl)), clock);
    }

    /** A schema of a PostgreSQL database reached through the embedder's own data source. */
    static StoragePorts postgres(DataSource dataSource, String schema, Clock clock) {
        return postgres(PostgresDatabase.open(dataSource, schema), clock);
    }

    private static StoragePorts postgres(PostgresDatabase database, Clock clock) {
        PostgresEventStore events = new PostgresEventStore(database, new EventJsonCodec(), clock);
        return new StoragePorts(
                events,
                PostgresProjections.storage(database),
                new PostgresCommandReceipts(database, clock),
                new PostgresMaintenance(database, events),
                PostgresProjections.scratchSpace(database),
                new PostgresLogRemoval(database, events),
                null,
                wake -> new PostgresNotifications(database, wake),
                database::close);
    }
}
