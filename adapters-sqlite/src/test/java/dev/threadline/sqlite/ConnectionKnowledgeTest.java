package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.port.ProjectionStorage;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.event.SettingChanged;
import dev.threadline.domain.event.StoredEvent;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.store.AppendBatch;
import dev.threadline.domain.store.ExpectedVersion;
import dev.threadline.domain.store.NewEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Iterator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer connection keeps thread rows, positions, the last sequence and stream versions it has
 * read or written from one transaction to the next. These tests change the file behind its back
 * in every way it must notice, and check that it reads again rather than trusting what it knew.
 */
class ConnectionKnowledgeTest {

    private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path directory;

    private SqliteDatabase database;
    private ProjectionStorage projections;
    private SqliteEventStore events;

    @BeforeEach
    void open() {
        database = SqliteFiles.open(directory.resolve(SqliteDatabase.FILE_NAME));
        projections = SqliteProjections.storage(database);
        events = SqliteFiles.storeOn(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static ThreadView thread(ThreadId id, String title, long version) {
        return new ThreadView(id, ProjectId.next(), title, "model", false, false, 0, 0, null, AT, AT, version);
    }

    private String titleInTransaction(ThreadId id) {
        return database.inTransaction(
                connection -> projections.reads().thread(id).orElseThrow().title());
    }

    private long positionInTransaction() {
        return database.inTransaction(connection -> projections.positions().position("read-models"));
    }

    @Test
    void a_row_written_in_a_transaction_is_known_and_stored_after_the_commit() {
        ThreadId id = ThreadId.next();
        database.inTransaction(connection -> {
            projections.writer().putThread(thread(id, "first", 1));
            projections.positions().setPosition("read-models", 7);
            return null;
        });

        assertThat(projections.reads().thread(id).orElseThrow().title()).isEqualTo("first");
        assertThat(projections.positions().position("read-models")).isEqualTo(7);
        assertThat(titleInTransaction(id)).isEqualTo("first");
    }

    @Test
    void a_commit_by_another_connection_is_noticed() throws Exception {
        ThreadId id = ThreadId.next();
        database.inTransaction(connection -> {
            projections.writer().putThread(thread(id, "first", 1));
            projections.positions().setPosition("read-models", 7);
            return null;
        });
        assertThat(titleInTransaction(id)).isEqualTo("first");

        try (Connection other = SqliteFiles.plainConnection(database.file());
                PreparedStatement rename = other.prepareStatement(
                        "UPDATE projection_threads SET title = 'elsewhere' WHERE thread_id = ?");
                PreparedStatement move = other.prepareStatement("UPDATE projector_positions SET position = 9")) {
            rename.setString(1, id.toString());
            rename.executeUpdate();
            move.executeUpdate();
        }

        assertThat(titleInTransaction(id)).isEqualTo("elsewhere");
        assertThat(positionInTransaction()).isEqualTo(9);
    }

    private long lastSequenceInTransaction() {
        return database.inTransaction(connection -> events.lastSequence());
    }

    @Test
    void events_appended_by_another_store_on_the_file_are_noticed() {
        NewEvent first = NewEvent.of(new SettingChanged("a.key", "1", AT));
        events.append(AppendBatch.of(first));
        assertThat(lastSequenceInTransaction()).isEqualTo(1);

        try (SqliteDatabase second = SqliteFiles.open(database.file())) {
            SqliteFiles.storeOn(second).append(AppendBatch.of(NewEvent.of(new SettingChanged("a.key", "2", AT))));
        }

        assertThat(lastSequenceInTransaction()).isEqualTo(2);
        // The stream's version moved too: expecting version 1 (the third event) is right.
        var stored = events.append(AppendBatch.of(NewEvent.of(new SettingChanged("a.key", "3", AT)))
                .expecting(first.event().streamId(), ExpectedVersion.exactly(1)));
        assertThat(stored).singleElement().satisfies(event -> {
            assertThat(event.sequence()).isEqualTo(3);
            assertThat(event.streamVersion()).isEqualTo(2);
        });
    }

    @Test
    void a_write_outside_a_transaction_is_noticed() {
        ThreadId id = ThreadId.next();
        database.inTransaction(connection -> {
            projections.writer().putThread(thread(id, "first", 1));
            return null;
        });
        assertThat(titleInTransaction(id)).isEqualTo("first");

        projections.writer().putThread(thread(id, "outside", 2));

        assertThat(titleInTransaction(id)).isEqualTo("outside");
    }

    @Test
    void a_rolled_back_transaction_is_forgotten() {
        ThreadId id = ThreadId.next();
        database.inTransaction(connection -> {
            projections.writer().putThread(thread(id, "first", 1));
            return null;
        });
        try {
            database.inTransaction(connection -> {
                projections.writer().putThread(thread(id, "rolled back", 2));
                projections.positions().setPosition("read-models", 50);
                throw new IllegalStateException("no");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertThat(titleInTransaction(id)).isEqualTo("first");
        assertThat(positionInTransaction()).isZero();
    }

    private void setMaxPageCount(long pages) {
        database.withWriter(connection -> {
            try (Statement pragma = connection.createStatement()) {
                pragma.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
    }

    private long pageCount() {
        return database.withWriter(connection -> {
            try (Statement pragma = connection.createStatement();
                    ResultSet count = pragma.executeQuery("PRAGMA page_count")) {
                return count.getLong(1);
            }
        });
    }

    @Test
    void a_storage_failure_caught_inside_a_transaction_still_rolls_all_of_it_back() {
        ThreadId id = ThreadId.next();
        setMaxPageCount(pageCount() + 2); // a full disk, as far as SQLite can tell
        try {
            assertThatThrownBy(() -> database.inTransaction(connection -> {
                        projections.writer().putThread(thread(id, "kept in memory", 1));
                        projections.positions().setPosition("read-models", 1);
                        try {
                            String big = randomLetters(1);
                            events.append(AppendBatch.of(NewEvent.of(new SettingChanged("big", big, AT))));
                            // The row is kept for the commit: a read of the log writes it out here.
                            events.readStream("settings");
                        } catch (StorageFailure ignored) {
                            // the caller carries on as if nothing happened
                        }
                        return null;
                    }))
                    .isInstanceOf(StorageFailure.class)
                    .hasMessageContaining("rolled back");
        } finally {
            setMaxPageCount(1_073_741_823);
        }

        assertNothingOfTheTransactionStayedAndTheStoreWritesOn(id);
    }

    @Test
    void a_storage_failure_writing_the_kept_rows_at_the_commit_rolls_all_of_it_back() {
        ThreadId id = ThreadId.next();
        setMaxPageCount(pageCount() + 2); // a full disk, as far as SQLite can tell
        try {
            assertThatThrownBy(() -> database.inTransaction(connection -> {
                        projections.writer().putThread(thread(id, "kept in memory", 1));
                        projections.positions().setPosition("read-models", 1);
                        String big = randomLetters(2);
                        events.append(AppendBatch.of(NewEvent.of(new SettingChanged("big", big, AT))));
                        return null;
                    }))
                    .isInstanceOf(StorageFailure.class)
                    .hasMessageContaining("full");
        } finally {
            setMaxPageCount(1_073_741_823);
        }

        assertNothingOfTheTransactionStayedAndTheStoreWritesOn(id);
    }

    @Test
    void a_replay_started_in_a_transaction_ends_with_it() {
        events.append(AppendBatch.of(NewEvent.of(new SettingChanged("a.key", "1", AT))));

        Stream<StoredEvent> escaped = database.inTransaction(connection -> events.replayFrom(0));

        assertThatThrownBy(() -> escaped.iterator().hasNext())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the transaction ends");
        escaped.close();
        events.append(AppendBatch.of(NewEvent.of(new SettingChanged("a.key", "2", AT))));
        assertThat(events.lastSequence()).isEqualTo(2);
    }

    @Test
    void a_replay_in_a_transaction_stops_at_the_events_there_were_when_it_started() {
        for (int i = 0; i < 3; i++) {
            events.append(AppendBatch.of(NewEvent.of(new SettingChanged("a.key", "v" + i, AT))));
        }

        long seen = database.inTransaction(connection -> {
            long count = 0;
            try (Stream<StoredEvent> all = events.replayFrom(0)) {
                Iterator<StoredEvent> replay = all.iterator();
                while (replay.hasNext() && count < 100) { // without the bound, 100 would be reached
                    replay.next();
                    count++;
                    events.append(AppendBatch.of(NewEvent.of(new SettingChanged("b.key", "more", AT))));
                }
            }
            return count;
        });

        assertThat(seen).isEqualTo(3);
        assertThat(events.lastSequence()).isEqualTo(6);
    }

    @Test
    void rows_of_a_failed_write_out_are_not_written_by_the_next_transaction() {
        ThreadId first = ThreadId.next();
        ThreadId broken = ThreadId.next();
        assertThatThrownBy(() -> database.inTransaction(connection -> {
                    projections.writer().putThread(thread(first, "rolled back", 1));
                    projections
                            .writer()
                            .putThread(new ThreadView(
                                    broken, null, "no project", "model", false, false, 0, 0, null, AT, AT, 1));
                    return null;
                }))
                .isInstanceOf(NullPointerException.class);

        ThreadId later = ThreadId.next();
        database.inTransaction(connection -> {
            projections.writer().putThread(thread(later, "later", 1));
            return null;
        });

        assertThat(projections.reads().thread(later)).isPresent();
        assertThat(projections.reads().thread(first)).isEmpty();
        assertThat(projections.reads().thread(broken)).isEmpty();
    }

    @Test
    void an_error_inside_a_transaction_rolls_it_back_and_leaves_the_connection_usable() {
        assertThatThrownBy(() -> database.inTransaction(connection -> {
                    events.append(AppendBatch.of(NewEvent.of(new SettingChanged("a.key", "1", AT))));
                    throw new AssertionError("boom");
                }))
                .isInstanceOf(AssertionError.class);

        assertThat(events.lastSequence()).isZero();
        events.append(AppendBatch.of(NewEvent.of(new SettingChanged("a.key", "2", AT))));
        assertThat(events.lastSequence()).isEqualTo(1);
    }

    /** A million letters drawn at random: a payload that compression cannot make fit. */
    private static String randomLetters(long seed) {
        return new Random(seed)
                .ints(1_000_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** Nothing the failed transaction wrote or kept is left, and the next append works. */
    private void assertNothingOfTheTransactionStayedAndTheStoreWritesOn(ThreadId id) {
        assertThat(projections.reads().thread(id)).isEmpty();
        assertThat(projections.positions().position("read-models")).isZero();
        assertThat(events.lastSequence()).isZero();
        events.append(AppendBatch.of(NewEvent.of(new SettingChanged("after", "1", AT))));
        assertThat(events.lastSequence()).isEqualTo(1);
        assertThat(events.readStream("settings")).hasSize(1);
    }
}
