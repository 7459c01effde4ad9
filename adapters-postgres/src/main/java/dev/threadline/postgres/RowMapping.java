package dev.threadline.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadline.application.readmodel.CheckpointView;
import dev.threadline.application.readmodel.ForkPoint;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.SettingView;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.readmodel.TurnView;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.CheckpointCreated;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.CheckpointId;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.rules.MessageState;
import dev.threadline.domain.rules.TurnStatus;
import dev.threadline.json.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The one mapping of each read-model table: from the row a result set stands on (the columns of
 * {@link TableColumns}, in that order) to its view, and from a view to its column values in the
 * same order.
 *
 * <p>Each storage adapter maps its own rows, although the SQLite adapter's {@code
 * ReadModelRowMapping} reads the same columns today: the mapping follows this adapter's migrations
 * and driver (column order and types, how times are parsed), which the other dialect is free to
 * change, and the only module both adapters may use, {@code adapters-json}, sees the domain but not
 * the application's views, while the application states no table layout.
 */
final class RowMapping {

    private RowMapping() {}

    static ProjectView project(ResultSet r) throws SQLException {
        return new ProjectView(
                new ProjectId(uuid(r.getString(1))),
                r.getString(2),
                r.getString(3),
                flag(r, 4),
                instant(r.getString(5)),
                instant(r.getString(6)),
                r.getLong(7));
    }

    static Object[] values(ProjectView p) {
        return new Object[] {
            p.id().toString(), p.name(), p.path(), p.deleted(), text(p.createdAt()), text(p.updatedAt()), p.version()
        };
    }

    static ThreadView thread(ResultSet r) throws SQLException {
        String running = r.getString(9);
        return new ThreadView(
                new ThreadId(uuid(r.getString(1))),
                new ProjectId(uuid(r.getString(2))),
                r.getString(3),
                r.getString(4),
                flag(r, 5),
                flag(r, 6),
                r.getLong(7),
                r.getLong(8),
                running == null ? null : new TurnId(uuid(running)),
                instant(r.getString(10)),
                instant(r.getString(11)),
                r.getLong(12),
                forkPoint(r.getString(13), r.getString(14)));
    }

    private static ForkPoint forkPoint(String parent, String message) {
        return parent == null || message == null
                ? null
                : new ForkPoint(new ThreadId(uuid(parent)), new MessageId(uuid(message)));
    }

    static Object[] values(ThreadView t) {
        return new Object[] {
            t.id().toString(),
            t.projectId().toString(),
            t.title(),
            t.model(),
            t.archived(),
            t.deleted(),
            t.turnCount(),
            t.messageCount(),
            text(t.runningTurn()),
            text(t.createdAt()),
            text(t.lastActivityAt()),
            t.version(),
            t.forkedFrom() == null ? null : t.forkedFrom().parent().toString(),
            t.forkedFrom() == null ? null : t.forkedFrom().atMessage().toString()
        };
    }

    static TurnView turn(ResultSet r) throws SQLException {
        return new TurnView(
                new TurnId(uuid(r.getString(1))),
                new ThreadId(uuid(r.getString(2))),
                r.getLong(3),
                TurnStatus.fromLabel(r.getString(4)),
                r.getString(5),
                instant(r.getString(6)),
                instant(r.getString(7)));
    }

    static Object[] values(TurnView t) {
        return new Object[] {
            t.id().toString(),
            t.threadId().toString(),
            t.ordinal(),
            t.status().label(),
            t.error(),
            text(t.startedAt()),
            text(t.endedAt())
        };
    }

    static MessageView message(ResultSet r) throws SQLException {
        return new MessageView(
                new MessageId(uuid(r.getString(1))),
                new ThreadId(uuid(r.getString(2))),
                new TurnId(uuid(r.getString(3))),
                r.getLong(4),
                Role.fromLabel(r.getString(5)),
                r.getString(6),
                flag(r, 7),
                instant(r.getString(8)),
                instant(r.getString(9)));
    }

    static Object[] values(MessageView m) {
        return new Object[] {
            m.id().toString(),
            m.threadId().toString(),
            m.turnId().toString(),
            m.ordinal(),
            m.role().label(),
            m.text(),
            m.streaming(),
            text(m.createdAt()),
            text(m.updatedAt())
        };
    }

    /** A message's state: the columns id, thread, turn and streaming, in that order. */
    static MessageState messageState(ResultSet r) throws SQLException {
        return new MessageState(
                new MessageId(uuid(r.getString(1))),
                new ThreadId(uuid(r.getString(2))),
                new TurnId(uuid(r.getString(3))),
                flag(r, 4));
    }

    static CheckpointView checkpoint(ResultSet r) throws SQLException {
        return new CheckpointView(
                new CheckpointId(uuid(r.getString(1))),
                new ThreadId(uuid(r.getString(2))),
                new TurnId(uuid(r.getString(3))),
                r.getString(4),
                r.getString(5),
                instant(r.getString(6)),
                instant(r.getString(7)),
                r.getString(8),
                skippedOf(r.getString(9)));
    }

    static Object[] values(CheckpointView c) {
        return new Object[] {
            c.id().toString(),
            c.threadId().toString(),
            c.turnId().toString(),
            c.gitRef(),
            c.message(),
            text(c.createdAt()),
            text(c.restoredAt()),
            c.commit(),
            skippedText(c.skipped())
        };
    }

    private static final ObjectMapper SKIPPED_JSON = new ObjectMapper();
    private static final TypeReference<List<CheckpointCreated.Skipped>> SKIPPED_LIST = new TypeReference<>() {};

    /** A checkpoint's skipped paths from their column: a JSON array, or NULL for none. */
    static List<CheckpointCreated.Skipped> skippedOf(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return SKIPPED_JSON.readValue(json, SKIPPED_LIST);
        } catch (JsonProcessingException e) {
            throw new StorageFailure(
                    StorageFailure.Reason.CORRUPT,
                    "a checkpoint's skipped paths are not readable JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** A checkpoint's skipped paths as their column holds them: NULL for none. */
    static String skippedText(List<CheckpointCreated.Skipped> skipped) {
        if (skipped.isEmpty()) {
            return null;
        }
        try {
            return SKIPPED_JSON.writeValueAsString(skipped);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("skipped paths cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static SettingView setting(ResultSet r) throws SQLException {
        return new SettingView(r.getString(1), r.getString(2), instant(r.getString(3)));
    }

    static Object[] values(SettingView s) {
        return new Object[] {s.key(), s.value(), text(s.updatedAt())};
    }

    static boolean flag(ResultSet rows, int column) throws SQLException {
        return rows.getBoolean(column);
    }

    static String text(Object value) {
        if (value instanceof Instant instant) {
            return Timestamps.format(instant);
        }
        return value == null ? null : value.toString();
    }

    static Instant instant(String text) {
        return text == null ? null : Timestamps.parseOnce(text);
    }

    static UUID uuid(String text) {
        return UUID.fromString(text);
    }
}
