package dev.threadline.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link TransactionScoped} state of every component on one database, one instance per kind,
 * and the {@code data_version} that state belongs to. Not thread-safe: {@link SqliteDatabase}
 * calls it only while holding its write lock.
 */
final class ComponentKnowledge {

    private static final long UNKNOWN_VERSION = Long.MIN_VALUE;

    private final Map<Class<?>, TransactionScoped> scoped = new LinkedHashMap<>();
    /** The {@code data_version} the components' knowledge belongs to. */
    private long knownDataVersion = UNKNOWN_VERSION;

    /** The one instance of a kind of state, created on first use. */
    <T extends TransactionScoped> T of(Class<T> type, Supplier<T> create) {
        TransactionScoped state = scoped.get(type);
        if (state == null) {
            state = create.get(); // which may create the state it uses first
            scoped.put(type, state);
        }
        return type.cast(state);
    }

    /**
     * Forgets everything when the file's {@code data_version} is not the one this knowledge
     * belongs to: another connection has committed since.
     */
    void checkDataVersion(long dataVersion) {
        if (dataVersion != knownDataVersion) {
            forget();
            knownDataVersion = dataVersion;
        }
    }

    void beforeCommit() throws SQLException {
        for (TransactionScoped state : scoped.values()) {
            state.beforeCommit();
        }
    }

    void afterCommit() {
        for (TransactionScoped state : scoped.values()) {
            state.afterCommit();
        }
    }

    /** What puts every component's state back as it is now; see {@link TransactionScoped#atSavepoint}. */
    Runnable atSavepoint() {
        List<Runnable> restores = new ArrayList<>(scoped.size());
        for (TransactionScoped state : scoped.values()) {
            restores.add(state.atSavepoint());
        }
        return () -> restores.forEach(Runnable::run);
    }

    /** The innermost savepoint was released; see {@link TransactionScoped#savepointReleased}. */
    void savepointReleased() {
        for (TransactionScoped state : scoped.values()) {
            state.savepointReleased();
        }
    }

    void forget() {
        knownDataVersion = UNKNOWN_VERSION;
        for (TransactionScoped state : scoped.values()) {
            state.forget();
        }
    }
}
