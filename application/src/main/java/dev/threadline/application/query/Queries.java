package dev.threadline.application.query;

import dev.threadline.application.port.ReadModels;
import dev.threadline.application.port.SearchIndex;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.ForkPoint;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the read models: projects, threads, transcripts, settings and the search index. */
public final class Queries {

    private final ReadModels store;
    private final SearchIndex search;

    /**
     * @param store the read models
     * @param search the full-text index
     */
    public Queries(ReadModels store, SearchIndex search) {
        this.store = store;
        this.search = search;
    }

    /** Live projects in creation order; deleted ones too when asked. */
    public List<ProjectView> projects(boolean includeDeleted) {
        return store.projects(includeDeleted);
    }

    /** A project, or a refusal saying it does not exist. */
    public ProjectView project(ProjectId id) {
        return store.project(id).orElseThrow(() -> new NotFound("project", id));
    }

    /** Threads passing the filter, in creation order. */
    public List<ThreadView> threads(ThreadFilter filter) {
        return store.threads(filter);
    }

    /** A thread, or a refusal saying it does not exist. */
    public ThreadView thread(ThreadId id) {
        return store.thread(id).orElseThrow(() -> new NotFound("thread", id));
    }

    /**
     * A thread's turns in order, each with its messages and checkpoints in order. A fork's
     * transcript starts with the history it inherits, composed from its parent's rows (recursively,
     * for a fork of a fork): the parent's turns before the fork point's turn, then that turn's
     * messages up to and including the fork point (without its checkpoints, taken after the whole
     * turn). Inherited turns keep the id of the thread that wrote them; the fork's own turns follow.
     */
    public Transcript transcript(ThreadId id) {
        ThreadView thread = thread(id);
        List<Transcript.Turn> turns = new ArrayList<>();
        if (thread.forkedFrom() != null) {
            turns.addAll(inherited(thread.forkedFrom()));
        }
        turns.addAll(ownTurns(id));
        return new Transcript(thread, turns);
    }

    /** Search for messages and thread titles; see {@link SearchQuery} for the query language. */
    public List<SearchHit> search(String query, SearchFilter filter) {
        return search.search(SearchQuery.parse(query), filter);
    }

    private List<Transcript.Turn> inherited(ForkPoint fork) {
        Optional<MessageView> at = store.message(fork.atMessage());
        if (at.isEmpty() || store.thread(fork.parent()).isEmpty()) {
            return List.of();
        }
        List<Transcript.Turn> kept = new ArrayList<>();
        for (Transcript.Turn turn : transcript(fork.parent()).turns()) {
            if (turn.turn().id().equals(at.get().turnId())) {
                kept.add(new Transcript.Turn(
                        turn.turn(),
                        turn.messages().stream()
                                .filter(m -> m.ordinal() <= at.get().ordinal())
                                .toList(),
                        List.of()));
                return kept;
            }
            kept.add(turn);
        }
        return kept;
    }

    private List<Transcript.Turn> ownTurns(ThreadId id) {
        Map<TurnId, List<MessageView>> messages = new LinkedHashMap<>();
        for (MessageView message : store.messagesOf(id)) {
            messages.computeIfAbsent(message.turnId(), t -> new ArrayList<>()).add(message);
        }
        Map<TurnId, List<CheckpointView>> checkpoints = new LinkedHashMap<>();
        for (CheckpointView checkpoint : store.checkpointsOf(id)) {
            checkpoints
                    .computeIfAbsent(checkpoint.turnId(), t -> new ArrayList<>())
                    .add(checkpoint);
        }
        List<Transcript.Turn> turns = new ArrayList<>();
        for (TurnView turn : store.turnsOf(id)) {
            turns.add(new Transcript.Turn(
                    turn, messages.getOrDefault(turn.id(), List.of()), checkpoints.getOrDefault(turn.id(), List.of())));
        }
        return turns;
    }

    /** A thread's checkpoints in order. */
    public List<CheckpointView> checkpoints(ThreadId id) {
        thread(id);
        return store.checkpointsOf(id);
    }

    /** A checkpoint, or a refusal saying it does not exist. */
    public CheckpointView checkpoint(CheckpointId id) {
        return store.checkpoint(id).orElseThrow(() -> new NotFound("checkpoint", id));
    }

    /** Every setting, by key. */
    public List<SettingView> settings() {
        return store.settings();
    }

    /** One setting, if set. */
    public Optional<SettingView> setting(String key) {
        return store.setting(key);
    }
}
