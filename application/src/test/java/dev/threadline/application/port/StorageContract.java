package dev.threadline.application.port;

import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.TurnStatus;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The base of the port contracts: a fresh store per test, from the implementation. */
public abstract class StorageContract {

    protected static final Instant AT = Instant.parse("2026-11-23T21:00:00.123Z");

    @TempDir
    protected Path directory;

    protected StorageUnderTest storage;

    /** A fresh, empty store in the given directory. */
    protected abstract StorageUnderTest open(Path directory) throws Exception;

    @BeforeEach
    void openStorage() throws Exception {
        storage = open(directory);
    }

    @AfterEach
    void closeStorage() throws Exception {
        storage.close().close();
    }

    protected ReadModels reads() {
        return storage.projections().reads();
    }

    protected ProjectionWriter writer() {
        return storage.projections().writer();
    }

    protected <T> T inTransaction(java.util.function.Supplier<T> work) {
        return storage.transactions().inTransaction(work);
    }

    protected void inTransaction(Runnable work) {
        storage.transactions().inTransaction(() -> {
            work.run();
            return null;
        });
    }

    protected static ProjectView project(ProjectId id, String path, Instant created) {
        return new ProjectView(id, "p", path, false, created, created, 0);
    }

    protected static ThreadView thread(ThreadId id, ProjectId project, String title, Instant created) {
        return new ThreadView(id, project, title, "model", false, false, 0, 0, null, created, created, 0);
    }

    protected static TurnView turn(TurnId id, ThreadId thread, long ordinal) {
        return new TurnView(id, thread, ordinal, TurnStatus.COMPLETED, null, AT, AT);
    }

    protected static MessageView message(MessageId id, ThreadId thread, TurnId turn, long ordinal, boolean streaming) {
        return new MessageView(id, thread, turn, ordinal, Role.ASSISTANT, "text", streaming, AT, AT);
    }
}
