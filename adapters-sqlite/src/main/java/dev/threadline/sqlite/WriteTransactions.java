package dev.threadline.sqlite;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Everything done on a database's writer connection, one thread at a time: write transactions,
 * their savepoints, short work and streamed reads. The write lock, the transaction depth and the
 * failure that dooms a transaction change together and are read together here; {@link
 * SqliteDatabase} is the public face.
 */
final class WriteTransactions {

    private final Path file;
    private final WriterConnection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ComponentKnowledge knowledge = new ComponentKnowledge();
    private int transactionDepth;
    /** The first storage failure met inside the open transaction, which dooms it. */
    private StorageFailure failedInside;

    private boolean closed;

    WriteTransactions(Path file, WriterConnection writer) {
        this.file = file;
        this.writer = writer;
    }

    /** A write transaction; see {@link SqliteDatabase#inTransaction(SqlWork)}. */
    <T> T inTransaction(SqlWork<T> work) {
        writeLock.lock();
        try {
            checkOpen();
            if (transactionDepth > 0) {
                return joined(work);
            }
            writer.beginImmediate();
            transactionDepth = 1;
            failedInside = null;
            boolean committed = false;
            try {
                knowledge.checkDataVersion(writer.dataVersion());
                T result = work.run(writer.connection());
                if (failedInside != null) {
                    throw new StorageFailure(
                            failedInside.reason(),
                            "the transaction was rolled back: a storage failure inside it was caught and not"
                                    + " rethrown (" + failedInside.getMessage() + ")",
                            failedInside);
                }
                knowledge.beforeCommit();
                writer.commit();
                committed = true;
                return result;
            } catch (SQLException e) {
                writer.rollback(e);
                throw SqliteErrors.translate(file, "write", e);
            } catch (RuntimeException | Error e) {
                // An Error too: left open, the transaction would refuse every later BEGIN.
                writer.rollback(e);
                throw e;
            } finally {
                transactionDepth = 0;
                failedInside = null;
                if (committed) {
                    knowledge.afterCommit();
                } else {
                    knowledge.forget();
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** A savepoint of the open transaction; see {@link SqliteDatabase#inSavepoint}. */
    <T> T inSavepoint(SqlWork<T> work) {
        writeLock.lock();
        try {
            checkOpen();
            if (transactionDepth == 0) {
                return inTransaction(work);
            }
            if (failedInside != null) {
                throw failedInside;
            }
            Runnable restore = knowledge.atSavepoint();
            writer.execute("SAVEPOINT work", "begin a savepoint");
            try {
                T result = joined(work);
                try {
                    writer.prepared("RELEASE work").execute();
                } catch (SQLException e) {
                    throw failedInside(SqliteErrors.translate(file, "release a savepoint", e));
                }
                knowledge.savepointReleased();
                return result;
            } catch (RuntimeException | Error e) {
                if (failedInside == null) {
                    rollbackToSavepoint(e);
                    restore.run();
                }
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void rollbackToSavepoint(Throwable cause) {
        try {
            writer.prepared("ROLLBACK TO work").execute();
            writer.prepared("RELEASE work").execute();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            failedInside(SqliteErrors.translate(file, "roll back to a savepoint", e));
        }
    }

    private <T> T joined(SqlWork<T> work) {
        transactionDepth++;
        try {
            return work.run(writer.connection());
        } catch (SQLException e) {
            throw failedInside(SqliteErrors.translate(file, "write", e));
        } catch (StorageFailure e) {
            // An event that cannot be encoded is refused before anything is written.
            throw e.reason() == Reason.ENCODING ? e : failedInside(e);
        } finally {
            transactionDepth--;
        }
    }

    /** Remembers that the open transaction met a storage failure; see {@link #inTransaction(SqlWork)}. */
    private StorageFailure failedInside(StorageFailure failure) {
        if (failedInside == null) {
            failedInside = failure;
        }
        return failure;
    }

    /** The shared state of a kind; see {@link SqliteDatabase#transactionScoped}. */
    <T extends TransactionScoped> T transactionScoped(Class<T> type, Supplier<T> create) {
        writeLock.lock();
        try {
            return knowledge.of(type, create);
        } finally {
            writeLock.unlock();
        }
    }

    /** Whether the calling thread is inside {@link #inTransaction(SqlWork)}. */
    boolean inTransaction() {
        return writeLock.isHeldByCurrentThread() && transactionDepth > 0;
    }

    /** Short work on the writer; see {@link SqliteDatabase#withWriter}. */
    <T> T withWriter(SqlWork<T> work) {
        writeLock.lock();
        try {
            checkOpen();
            if (transactionDepth > 0) {
                try {
                    return work.run(writer.connection());
                } catch (SQLException e) {
                    throw failedInside(SqliteErrors.translate(file, "read", e));
                }
            }
            long changesBefore = writer.totalChanges();
            try {
                return work.run(writer.connection());
            } finally {
                forgetIfWritten(changesBefore);
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate(file, "read", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Forgets what the components know when the file changed since {@code changesBefore}. */
    private void forgetIfWritten(long changesBefore) {
        try {
            if (writer.totalChanges() != changesBefore) {
                knowledge.forget();
            }
        } catch (SQLException e) {
            knowledge.forget(); // cannot tell: forgetting is always safe
        }
    }

    /** Streamed rows on the writer; see {@link SqliteDatabase#streamOnWriter}. */
    <T> Stream<T> streamOnWriter(SqlWork<PreparedStatement> prepare, ReadModelRowMapping.RowReader<T> map) {
        writeLock.lock();
        PreparedStatement statement = null;
        try {
            checkOpen();
            statement = prepare.run(writer.connection());
            ResultSet rows = statement.executeQuery();
            PreparedStatement open = statement;
            return ResultRows.stream(file, rows, map).onClose(() -> {
                try {
                    open.close(); // closes its result set too
                } catch (SQLException e) {
                    throw SqliteErrors.translate(file, "read", e);
                } finally {
                    writeLock.unlock();
                }
            });
        } catch (SQLException | RuntimeException e) {
            try {
                if (statement != null) {
                    statement.close();
                }
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            } finally {
                writeLock.unlock();
            }
            throw e instanceof SQLException sql ? SqliteErrors.translate(file, "read", sql) : (RuntimeException) e;
        }
    }

    /** A statement prepared once on the writer connection; only for use while holding it. */
    PreparedStatement prepared(String statementSql) throws SQLException {
        return writer.prepared(statementSql);
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageFailure(Reason.UNAVAILABLE, "the store at " + file + " is closed", null);
        }
    }

    /** Closes the writer; every later use is refused. */
    void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writer.close();
        } catch (SQLException e) {
            throw SqliteErrors.translate(file, "close the database", e);
        } finally {
            writeLock.unlock();
        }
    }
}
