package dev.threadline.application.projection;

import dev.threadline.application.port.ProjectionStorage;
import dev.threadline.application.port.ProjectorPositions;
import dev.threadline.application.port.ScratchSpace;
import dev.threadline.application.port.Transactions;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.store.EventStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Keeps the read models in step with the log: catch-up of a projector that is behind, rebuild from
 * scratch, and verification against a fresh rebuild.
 */
public final class Projections {

    private static final int CHUNK = 1_000;

    private final EventStore events;
    private final ProjectionStorage live;
    private final ProjectorPositions positions;
    private final Transactions transactions;
    private final ScratchSpace scratchSpace;
    private final ReadModelProjector projector;

    /**
     * @param events the log
     * @param live the live read models
     * @param scratchSpace where a verification rebuilds them
     */
    public Projections(EventStore events, ProjectionStorage live, ScratchSpace scratchSpace) {
        this.events = events;
        this.live = live;
        this.positions = live.positions();
        this.transactions = live.transactions();
        this.scratchSpace = scratchSpace;
        this.projector = new ReadModelProjector(live.reads(), live.writer(), live.search());
    }

    /**
     * Inside a command's transaction, projects the events it just appended and moves the
     * projector's position past them.
     */
    public void applyInline(List<StoredEvent> stored) {
        for (StoredEvent event : stored) {
            projector.apply(event);
        }
        positions.setPosition(
                ReadModelProjector.NAME, stored.get(stored.size() - 1).sequence());
    }

    /**
     * Applies every event after the projector's position, in transactions of a thousand events,
     * however far behind it is.
     *
     * @param progress told the sequence reached after each transaction
     * @return how many events were applied
     */
    public long catchUp(LongConsumer progress) {
        long applied = 0;
        long target = events.lastSequence();
        while (positions.position(ReadModelProjector.NAME) < target) {
            long from = positions.position(ReadModelProjector.NAME);
            try (Stream<StoredEvent> log = events.replayFrom(from)) {
                Iterator<StoredEvent> pending = log.iterator();
                List<StoredEvent> chunk = new ArrayList<>(CHUNK);
                while (pending.hasNext()) {
                    chunk.add(pending.next());
                    if (chunk.size() == CHUNK || !pending.hasNext()) {
                        applied += applyChunk(chunk);
                        progress.accept(chunk.get(chunk.size() - 1).sequence());
                        chunk.clear();
                    }
                }
            }
            // Rows that cannot be decoded are skipped: the position still moves past them.
            long reached = target;
            transactions.inTransaction(() -> {
                if (positions.position(ReadModelProjector.NAME) < reached) {
                    positions.setPosition(ReadModelProjector.NAME, reached);
                }
                return null;
            });
            target = events.lastSequence();
        }
        return applied;
    }

    /** Catches up without reporting progress. */
    public long catchUp() {
        return catchUp(sequence -> {});
    }

    private int applyChunk(List<StoredEvent> chunk) {
        return transactions.inTransaction(() -> {
            // Another process may have applied part of the chunk since it was read.
            long position = positions.position(ReadModelProjector.NAME);
            int applied = 0;
            for (StoredEvent event : chunk) {
                if (event.sequence() > position) {
                    projector.apply(event);
                    applied++;
                }
            }
            long last = chunk.get(chunk.size() - 1).sequence();
            if (last > position) {
                positions.setPosition(ReadModelProjector.NAME, last);
            }
            return applied;
        });
    }

    /**
     * Inside a command's transaction, applies what other writers appended without projecting
     * (an import, for example), so that the command decides from current state.
     */
    public void catchUpInTransaction() {
        long position = positions.position(ReadModelProjector.NAME);
        long last = events.lastSequence();
        if (position >= last) {
            return;
        }
        try (Stream<StoredEvent> log = events.replayFrom(position)) {
            log.forEach(event -> projector.apply(event));
        }
        positions.setPosition(ReadModelProjector.NAME, last);
    }

    /**
     * Empties the read models and projects the whole log again, in one transaction: readers see
     * the old tables or the new ones, never a mix.
     *
     * @param progress told the sequence reached every thousand events
     * @return how many events were applied
     */
    public long rebuild(LongConsumer progress) {
        return transactions.inTransaction(() -> {
            live.writer().clear();
            long applied = projectAll(projector, Long.MAX_VALUE, progress);
            positions.setPosition(ReadModelProjector.NAME, events.lastSequence());
            return applied;
        });
    }

    /**
     * Rebuilds the read models in scratch space and compares them with the live tables, holding
     * the write lock so that nothing changes in between.
     *
     * @param progress told the sequence reached every thousand events
     */
    public Verification verify(LongConsumer progress) {
        return transactions.inTransaction(() -> {
            long position = positions.position(ReadModelProjector.NAME);
            try (ScratchSpace.ScratchStore scratch = scratchSpace.open()) {
                ProjectionStorage rebuilt = scratch.storage();
                ReadModelProjector rebuilding =
                        new ReadModelProjector(rebuilt.reads(), rebuilt.writer(), rebuilt.search());
                rebuilt.transactions().inTransaction(() -> {
                    long applied = projectAll(rebuilding, position, progress);
                    rebuilt.positions().setPosition(ReadModelProjector.NAME, position);
                    return applied;
                });
                List<ProjectionDifference> differences = ReadModelComparer.differences(rebuilt.rows(), live.rows());
                return new Verification(position, events.lastSequence(), differences);
            }
        });
    }

    private long projectAll(ReadModelProjector target, long upTo, LongConsumer progress) {
        long applied = 0;
        long reached = 0;
        try (Stream<StoredEvent> log = events.replayAll()) {
            Iterator<StoredEvent> all = log.iterator();
            while (all.hasNext()) {
                StoredEvent event = all.next();
                if (event.sequence() > upTo) {
                    break;
                }
                target.apply(event);
                reached = event.sequence();
                if (++applied % CHUNK == 0) {
                    progress.accept(reached);
                }
            }
        }
        progress.accept(reached);
        return applied;
    }

    /** Where the projector stands against the log. */
    public ProjectionStatus status() {
        return new ProjectionStatus(
                ReadModelProjector.NAME, positions.position(ReadModelProjector.NAME), events.lastSequence());
    }

    /**
     * The outcome of a verification.
     *
     * @param position the projector position the rebuild went up to
     * @param lastSequence the log's last sequence
     * @param differences every difference found, empty when the read models are right
     */
    public record Verification(long position, long lastSequence, List<ProjectionDifference> differences) {

        /** Copies the list. */
        public Verification {
            differences = List.copyOf(differences);
        }

        /** Whether the live read models equal a fresh rebuild. */
        public boolean clean() {
            return differences.isEmpty();
        }
    }

    /**
     * Where a projector stands.
     *
     * @param projector its name
     * @param position the sequence of the last event it applied
     * @param lastSequence the log's last sequence
     */
    public record ProjectionStatus(String projector, long position, long lastSequence) {

        /** How many events it is behind. */
        public long lag() {
            return Math.max(0, lastSequence - position);
        }
    }
}
