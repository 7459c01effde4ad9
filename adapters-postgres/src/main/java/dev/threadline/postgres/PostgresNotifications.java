package dev.threadline.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes this node when another node appends, and tells the other nodes when this one has.
 *
 * <p>One thread keeps one dedicated connection outside the pool. Listening: the connection runs
 * {@code LISTEN} on the store's channel and waits for notifications, in short waits; each one
 * from another node, and each reconnection after the connection was lost, runs the wake-up
 * action, whose readers then catch up from their own positions (a notification carries nothing,
 * so one missed while disconnected loses nothing). Polling by the readers stays the fallback.
 *
 * <p>Sending: a commit that appended marks that the node has news, and between two waits the
 * thread sends {@code NOTIFY channel} with an empty payload on the same connection, outside every
 * write transaction, so other nodes hear of committed events only and no commit waits for it.
 * Notifications are coalesced: two are sent 10 ms apart at least, and the commits made in between
 * are announced by the second. The node's
 * own notifications come back to its connection, which knows them by its backend process id and
 * ignores them, since its commits wake its subscribers in-process. A notification is not data:
 * its transaction does not wait for its commit record to reach the disk.
 */
public final class PostgresNotifications implements AutoCloseable {

    private static final long RECONNECT_PAUSE_NANOS = 200_000_000L;
    /** The longest a commit's news waits for the connection, in milliseconds. */
    private static final int WAIT_MILLIS = 10;
    /**
     * The least time between two notifications sent, in nanoseconds: the node's own notification
     * comes back at once and ends the wait, which would otherwise let every commit send its own.
     */
    private static final long WAIT_NANOS = WAIT_MILLIS * 1_000_000L;

    private final PostgresDatabase database;
    private final String channel;
    private final String listenSql;
    private final String notifySql;
    private final Runnable wake;

    private final Thread listener;
    /** Whether a commit appended since the last notification was sent. */
    private final AtomicBoolean news = new AtomicBoolean();

    private volatile boolean closed;
    private volatile Connection listening;

    /**
     * Starts listening and sending.
     *
     * @param database the store, whose appends are announced
     * @param wake what to run when another node may have appended
     */
    public PostgresNotifications(PostgresDatabase database, Runnable wake) {
        this.database = database;
        this.channel = "threadline_" + database.schema();
        this.listenSql = SqlText.withIdentifier("LISTEN ", channel, "");
        // A notification is not data: its transaction does not wait for the disk. SET LOCAL keeps
        // that to the transaction, on a connection an embedder's pool may take back.
        this.notifySql =
                SqlText.withIdentifier("BEGIN; SET LOCAL synchronous_commit TO OFF; NOTIFY ", channel, "; COMMIT");
        this.wake = wake;
        this.listener = new Thread(this::listen, "threadline-listen");
        listener.setDaemon(true);
        database.afterAppendCommit(() -> news.set(true));
        listener.start();
    }

    /** The notification channel of the store. */
    public String channel() {
        return channel;
    }

    /** The backend process id of the listening connection, or 0 while it is not connected. */
    public int listenerProcessId() {
        Connection connection = listening;
        if (connection == null) {
            return 0;
        }
        try {
            return connection.unwrap(PGConnection.class).getBackendPID();
        } catch (SQLException e) {
            return 0;
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = database.openDedicated()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(listenSql);
                    listening = connection;
                    wake.run(); // catch up with whatever was appended while not listening
                    PGConnection notifications = connection.unwrap(PGConnection.class);
                    int self = notifications.getBackendPID();
                    long quietUntil = System.nanoTime();
                    while (!closed) {
                        long now = System.nanoTime();
                        if (now - quietUntil >= 0 && news.getAndSet(false)) {
                            statement.execute(notifySql);
                            quietUntil = now + WAIT_NANOS;
                        }
                        if (fromAnotherNode(notifications.getNotifications(WAIT_MILLIS), self)) {
                            wake.run();
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = null;
                if (!closed) {
                    LockSupport.parkNanos(this, RECONNECT_PAUSE_NANOS);
                }
            }
        }
    }

    private static boolean fromAnotherNode(PGNotification[] received, int self) {
        if (received != null) {
            for (PGNotification notification : received) {
                if (notification.getPID() != self) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
