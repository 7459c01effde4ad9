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
 * <p>Listening: one dedicated connection outside the pool runs {@code LISTEN} on the store's
 * channel and waits for notifications; each one, and each reconnection after the connection was
 * lost, runs the wake-up action, whose readers then catch up from their own positions (a
 * notification carries nothing, so one missed while disconnected loses nothing). Polling by the
 * readers stays the fallback.
 *
 * <p>Sending: after a commit that appended, a notifier thread sends {@code NOTIFY channel} with an
 * empty payload on a connection of its own, outside every write transaction, so other nodes hear
 * of committed events only and no commit waits for it. Notifications are coalesced: commits made
 * while one is being sent are announced together by the next. The node's own notifications come
 * back to its listener, which knows them by the notifier's backend process and ignores them, since
 * its commits wake its subscribers in-process. A notification is not data: the notifier's session
 * does not wait for its commit to reach the disk, and one lost with a connection costs other nodes
 * only their polling interval.
 */
public final class PostgresNotifications implements AutoCloseable {

    private static final long RECONNECT_PAUSE_NANOS = 200_000_000L;

    private final PostgresDatabase database;
    private final String channel;
    private final String listenSql;
    private final String notifySql;
    private final Runnable wake;

    private final Thread listener;
    private final Thread notifier;
    /** Whether a commit appended since the notifier last began to send. */
    private final AtomicBoolean announce = new AtomicBoolean();

    private volatile boolean closed;
    private volatile Connection listening;
    /** The backend process id of the notifier's connection, or 0 while it has none. */
    private volatile int notifierProcessId;

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
        this.notifySql = SqlText.withIdentifier("NOTIFY ", channel, "");
        this.wake = wake;
        this.listener = new Thread(this::listen, "threadline-listen");
        this.notifier = new Thread(this::notifyOthers, "threadline-notify");
        listener.setDaemon(true);
        notifier.setDaemon(true);
        database.afterAppendCommit(this::appended);
        listener.start();
        notifier.start();
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

    /** Run on the committing thread after a commit that appended: wakes the notifier. */
    private void appended() {
        if (!announce.getAndSet(true)) {
            LockSupport.unpark(notifier);
        }
    }

    private void notifyOthers() {
        while (!closed) {
            try (Connection connection = database.openDedicated()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET synchronous_commit = off");
                    notifierProcessId = connection.unwrap(PGConnection.class).getBackendPID();
                    while (!closed) {
                        if (announce.getAndSet(false)) {
                            statement.execute(notifySql);
                        } else {
                            LockSupport.park(this);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                notifierProcessId = 0;
                if (!closed) {
                    LockSupport.parkNanos(this, RECONNECT_PAUSE_NANOS);
                }
            }
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = database.openDedicated()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(listenSql);
                }
                listening = connection;
                wake.run(); // catch up with whatever was appended while not listening
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] received = notifications.getNotifications(500);
                    if (fromAnotherNode(received)) {
                        wake.run();
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

    private boolean fromAnotherNode(PGNotification[] received) {
        if (received != null) {
            for (PGNotification notification : received) {
                if (notification.getPID() != notifierProcessId) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(notifier);
        try {
            listener.join(2_000);
            notifier.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
