package dev.threadline.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
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
 * <p>Sending: a commit that appended sends a {@code NOTIFY} inside its transaction, in the round
 * trip of its {@code COMMIT} ({@link PostgresDatabase#announceAppends}), so other nodes hear of
 * committed events only. Its payload names this node: the node's own notifications come back to
 * its listener and are ignored, since its commits wake its subscribers in-process.
 */
public final class PostgresNotifications implements AutoCloseable {

    private static final long RECONNECT_PAUSE_NANOS = 200_000_000L;

    private final PostgresDatabase database;
    private final String channel;
    private final String listenSql;
    private final Runnable wake;
    /** This node's name in the payload of its notifications. */
    private final String node = UUID.randomUUID().toString();

    private final Thread listener;
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
        this.wake = wake;
        this.listener = new Thread(this::listen, "threadline-listen");
        listener.setDaemon(true);
        database.announceAppends(channel, node);
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
                if (!node.equals(notification.getParameter())) {
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
