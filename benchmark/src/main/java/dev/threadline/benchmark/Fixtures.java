package dev.threadline.benchmark;

import dev.threadline.application.command.CreateProject;
import dev.threadline.application.command.CreateThread;
import dev.threadline.application.command.StartTurn;
import dev.threadline.application.port.IdSource;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;

/** What the scenarios write: payload sizes the targets are stated for, and a thread to write to. */
final class Fixtures {

    /** Where the scenarios take their new ids, as the application does. */
    static final IdSource IDS = IdSource.timeOrdered();

    /** 1,000 events per transaction in the batched scenarios. */
    static final int BATCH = 1_000;

    /** A delta of 160 characters: its payload is about 300 bytes, the size the targets are stated for. */
    static final String DELTA = "streamed text of an assistant answer, token after token, "
            .repeat(3)
            .substring(0, 160);

    /** A user message whose payload is about 300 bytes. */
    static final String TEXT = DELTA.substring(0, 90);

    private Fixtures() {}

    /** A new project, a thread in it and a running turn. */
    static ThreadId runningThread(BenchmarkedStore store) {
        ProjectId project = store.execute(new CreateProject("bench", "/bench/" + IDS.next()))
                .projectId();
        ThreadId thread =
                store.execute(new CreateThread(project, "bench", "bench-model")).threadId();
        store.execute(new StartTurn(thread, "measure"));
        return thread;
    }
}
