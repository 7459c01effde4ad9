package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.port.ProjectionStorage;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.domain.error.DuplicateEventId;
import dev.threadline.domain.error.VersionConflict;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.event.ThreadRenamed;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.ExpectedVersion;
import dev.threadline.domain.store.NewEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction keeps its event rows and message rows and writes them as batches before its
 * commit: a refused command of a group leaves none of its kept rows, a conflict with a kept row is
 * the conflict of the command that meets it, and every read inside the transaction sees the rows
 * kept before it.
 */
class DeferredRowsTest {

    private static final Instant AT = Instant.parse("2026-12-01T06:00:00Z");

    @TempDir
    Path directory;

    private SqliteDatabase database;
    private SqliteEventStore events;
    private ProjectionStorage projections;

    @BeforeEach
    void open() {
        database = SqliteFiles.open(directory.resolve(SqliteDatabase.FILE_NAME));
        events = SqliteFiles.storeOn(database);
        projections = SqliteProjections.storage(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static NewEvent renamed(ThreadId thread, String title) {
        return NewEvent.of(new ThreadRenamed(thread, title, AT));
    }

    private static MessageView message(MessageId id, ThreadId thread, String text) {
        return new MessageView(id, thread, TurnId.next(), 1, Role.USER, text, false, AT, AT);
    }

    /** A command of a group: its work under a savepoint of the open transaction. */
    private <T> T command(Supplier<T> work) {
        return database.inSavepoint(connection -> work.get());
    }

    /** Rows of a table as the writer connection sees them now, inside the transaction. */
    private long rowsOnWriter(String table) {
        return database.withWriter(connection -> count(connection, table));
    }

    /** Committed rows of a table, as another connection sees them. */
    private long rowsInFile(String table) throws SQLException {
        try (Connection other = SqliteFiles.plainConnection(directory.resolve(SqliteDatabase.FILE_NAME))) {
            return count(other, table);
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            return rows.getLong(1);
        }
    }

    @Test
    void the_rows_of_a_transaction_are_kept_until_its_commit_and_then_all_written() throws SQLException {
        ThreadId thread = ThreadId.next();
        database.inTransaction(connection -> {
            for (int i = 0; i < 3; i++) {
                events.append(AppendBatch.of(renamed(thread, "t" + i)));
                projections.writer().putMessage(message(MessageId.next(), thread, "m" + i));
            }
            assertThat(rowsOnWriter("events")).isZero();
            assertThat(rowsOnWriter("projection_messages")).isZero();
            return null;
        });

        assertThat(rowsInFile("events")).isEqualTo(3);
        assertThat(rowsInFile("projection_messages")).isEqualTo(3);
        assertThat(events.readStream(thread.toString()))
                .extracting(StoredEvent::sequence, StoredEvent::streamVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, 0L),
                        org.assertj.core.groups.Tuple.tuple(2L, 1L),
                        org.assertj.core.groups.Tuple.tuple(3L, 2L));
    }

    @Test
    void reads_inside_the_transaction_see_the_rows_kept_before_them() {
        ThreadId thread = ThreadId.next();
        MessageId kept = MessageId.next();
        database.inTransaction(connection -> {
            StoredEvent first =
                    events.append(AppendBatch.of(renamed(thread, "one"))).get(0);
            projections.writer().putMessage(message(kept, thread, "kept text"));

            assertThat(events.lastSequence()).isEqualTo(first.sequence());
            assertThat(events.readStream(thread.toString())).containsExactly(first);
            try (Stream<StoredEvent> replay = events.replayFrom(0)) {
                assertThat(replay.toList()).containsExactly(first);
            }
            assertThat(projections.reads().message(kept).orElseThrow().text()).isEqualTo("kept text");
            assertThat(projections.reads().messagesOf(thread)).hasSize(1);

            // Kept again after the reads wrote the first ones out: the next read sees them too.
            StoredEvent second =
                    events.append(AppendBatch.of(renamed(thread, "two"))).get(0);
            projections.writer().putMessage(message(kept, thread, "changed text"));
            assertThat(projections.reads().messageState(kept)).isPresent();
            assertThat(projections.reads().message(kept).orElseThrow().text()).isEqualTo("changed text");
            assertThat(events.readStream(thread.toString())).containsExactly(first, second);
            return null;
        });

        assertThat(projections.reads().message(kept).orElseThrow().text()).isEqualTo("changed text");
        assertThat(events.readStream(thread.toString())).hasSize(2);
    }

    @Test
    void a_refused_command_of_a_group_leaves_none_of_its_kept_rows() throws SQLException {
        ThreadId thread = ThreadId.next();
        MessageId before = MessageId.next();
        MessageId refused = MessageId.next();
        MessageId after = MessageId.next();
        database.inTransaction(connection -> {
            command(() -> {
                events.append(AppendBatch.of(renamed(thread, "before")));
                projections.writer().putMessage(message(before, thread, "before"));
                return null;
            });
            assertThatThrownBy(() -> command(() -> {
                        events.append(AppendBatch.of(renamed(thread, "refused")));
                        projections.writer().putMessage(message(refused, thread, "refused"));
                        // A read writes out every kept row, the earlier command's too, inside this
                        // savepoint: rolled back, those of the earlier command must be kept again.
                        assertThat(projections.reads().message(before)).isPresent();
                        assertThat(rowsOnWriter("events")).isEqualTo(2);
                        throw new IllegalStateException("refused by a rule");
                    }))
                    .hasMessage("refused by a rule");
            command(() -> {
                events.append(AppendBatch.of(renamed(thread, "after"))
                        .expecting(thread.toString(), ExpectedVersion.exactly(0)));
                projections.writer().putMessage(message(after, thread, "after"));
                return null;
            });
            return null;
        });

        assertThat(rowsInFile("events")).isEqualTo(2);
        assertThat(events.readStream(thread.toString()))
                .extracting(stored -> ((ThreadRenamed) stored.event()).title(), StoredEvent::sequence)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("before", 1L),
                        org.assertj.core.groups.Tuple.tuple("after", 2L));
        assertThat(projections.reads().message(before)).isPresent();
        assertThat(projections.reads().message(refused)).isEmpty();
        assertThat(projections.reads().message(after)).isPresent();
        assertThat(rowsInFile("projection_messages")).isEqualTo(2);
    }

    @Test
    void a_conflict_with_a_kept_event_row_is_the_conflict_of_the_command_that_meets_it() throws SQLException {
        ThreadId thread = ThreadId.next();
        NewEvent first = renamed(thread, "first");
        database.inTransaction(connection -> {
            command(() -> events.append(AppendBatch.of(first).expecting(thread.toString(), ExpectedVersion.NO_STREAM)));
            // The row is kept, not written: the stream's version still refuses the second command.
            assertThatThrownBy(() -> command(() -> events.append(AppendBatch.of(renamed(thread, "second"))
                            .expecting(thread.toString(), ExpectedVersion.NO_STREAM))))
                    .isInstanceOf(VersionConflict.class);
            // The same event id with other content is refused as a duplicate, with the same content
            // at the same position it is a retry that returns the stored event.
            NewEvent sameId = new NewEvent(first.eventId(), new ThreadRenamed(thread, "other", AT), first.metadata());
            assertThatThrownBy(() -> command(() -> events.append(AppendBatch.of(sameId))))
                    .isInstanceOf(DuplicateEventId.class);
            List<StoredEvent> retried = command(() -> events.append(AppendBatch.of(first)));
            assertThat(retried).extracting(StoredEvent::sequence).containsExactly(1L);
            command(() -> events.append(
                    AppendBatch.of(renamed(thread, "third")).expecting(thread.toString(), ExpectedVersion.exactly(0))));
            return null;
        });

        assertThat(events.readStream(thread.toString()))
                .extracting(stored -> ((ThreadRenamed) stored.event()).title())
                .containsExactly("first", "third");
        assertThat(rowsInFile("events")).isEqualTo(2);
    }

    @Test
    void a_retried_batch_kept_in_the_same_transaction_returns_what_it_kept() {
        ThreadId thread = ThreadId.next();
        AppendBatch batch = AppendBatch.of(renamed(thread, "a"), renamed(thread, "b"))
                .expecting(thread.toString(), ExpectedVersion.NO_STREAM);
        database.inTransaction(connection -> {
            List<StoredEvent> stored = events.append(batch);
            assertThat(events.append(batch)).isEqualTo(stored);
            return null;
        });

        assertThat(events.readStream(thread.toString())).hasSize(2);
    }
}
