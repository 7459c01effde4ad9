package dev.threadline.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * <p>Sending: after a commit that appended, a {@code NOTIFY} with an empty payload is sent outside
 * the transaction (inside it, PostgreSQL would serialise every committing writer on its
 * notification queue); commits that come while one is being sent are coalesced into the next.
 */
public final class PostgresNotifications implements AutoCloseable {

    private static final long RECONNECT_PAUSE_NANOS = 200_000_000L;

    private final PostgresDatabase database;
    private final String channel;
    private final String listenSql;
    private final Runnable wake;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Thread listener;
    private final Thread sender;
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
        this.sender = new Thread(this::send, "threadline-notify");
        listener.setDaemon(true);
        sender.setDaemon(true);
        database.afterAppendCommit(this::announce);
        listener.start();
        sender.start();
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

    private void announce() {
        pending.set(true);
        LockSupport.unpark(sender);
    }

    private void send() {
        while (!closed) {
            if (!pending.getAndSet(false)) {
                LockSupport.park(this);
                continue;
            }
            try {
                database.withConnection(connection -> {
                    try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, '')")) {
                        notify.setString(1, channel);
                        notify.execute();
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                // The other nodes' polling finds the events; the next commit announces again.
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
                    if (received != null && received.length > 0) {
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

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sender);
        try {
            listener.join(2_000);
            sender.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
