package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.threadline.application.port.StorageContract;
import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.application.readmodel.MessageView;
import dev.threadline.application.search.SearchDocument;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message's search document keeps only what its message row lacks: the values its message row
 * holds are left out of it and read from that row, and a search returns exactly what the document
 * was written with.
 */
class MessageDocumentRowsTest extends StorageContract {

    private static final Instant LATER = AT.plusSeconds(90);
    private static final int LIMIT = 20;

    private final ProjectId project = ProjectId.next();
    private final ProjectId otherProject = ProjectId.next();
    private final ThreadId chat = ThreadId.next();
    private final ThreadId other = ThreadId.next();
    private final TurnId turn = TurnId.next();
    private final TurnId otherTurn = TurnId.next();
    private final MessageId question = MessageId.next();
    private final MessageId answer = MessageId.next();
    private final MessageId elsewhere = MessageId.next();
    private final MessageId rowless = MessageId.next();

    @Override
    protected StorageUnderTest open(Path directory) {
        return SqliteStorage.open(directory);
    }

    /** Documents as the projector writes them: after their message rows, with the same values. */
    private void writeThreadsAndMessages() {
        inTransaction(() -> {
            writer().putThread(thread(chat, project, "Flaky login test", AT));
            writer().putThread(thread(other, otherProject, "Release notes", AT));
            storage.projections().search().index(SearchDocument.title(chat, project, AT, "Flaky login test"));
            storage.projections().search().index(SearchDocument.title(other, otherProject, AT, "Release notes"));
            writer().putTurn(turn(turn, chat, 1));
            writer().putTurn(turn(otherTurn, other, 3));
            put(question, chat, turn, 1, Role.USER, "why does the login test fail on CI", AT);
            put(answer, chat, turn, 2, Role.ASSISTANT, "the login cookie expires before the redirect", LATER);
            put(elsewhere, other, otherTurn, 1, Role.USER, "write the login section of the notes", AT);
            // A document whose message has no row keeps every value of its own.
            storage.projections()
                    .search()
                    .index(SearchDocument.message(
                            chat, project, turn, rowless, Role.SYSTEM, LATER, "a login note without a row"));
        });
    }

    private void put(MessageId id, ThreadId thread, TurnId in, long ordinal, Role role, String text, Instant at) {
        writer().putMessage(new MessageView(id, thread, in, ordinal, role, text, false, at, at));
        ProjectId of = thread.equals(chat) ? project : otherProject;
        storage.projections().search().index(SearchDocument.message(thread, of, in, id, role, at, text));
    }

    /** A user's message document in the chat's turn, written at {@code AT}. */
    private void indexUserMessage(MessageId id, String text) {
        storage.projections().search().index(SearchDocument.message(chat, project, turn, id, Role.USER, AT, text));
    }

    private List<SearchHit> search(String query, SearchFilter filter) {
        return storage.projections().search().search(SearchQuery.parse(query), filter);
    }

    /** The document row of a key: every column but its id, in the table's order. */
    private List<String> documentRow(Object key) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteDatabase.FILE_NAME));
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT doc_key, thread_id, project_id, turn_id, message_id,"
                        + " role, at, text FROM search_documents WHERE doc_key = '" + key + "'")) {
            assertThat(row.next()).as("document of %s", key).isTrue();
            List<String> values = new ArrayList<>();
            for (int column = 1; column <= 8; column++) {
                values.add(row.getString(column));
            }
            return values;
        }
    }

    @Test
    void a_message_document_keeps_its_key_thread_and_project_and_nothing_its_message_row_holds() throws SQLException {
        writeThreadsAndMessages();

        assertThat(documentRow(answer))
                .containsExactly(answer.toString(), chat.toString(), project.toString(), null, null, null, null, null);
        assertThat(documentRow(elsewhere))
                .containsExactly(
                        elsewhere.toString(), other.toString(), otherProject.toString(), null, null, null, null, null);
        assertThat(documentRow(rowless))
                .containsExactly(
                        rowless.toString(),
                        chat.toString(),
                        project.toString(),
                        turn.toString(),
                        rowless.toString(),
                        "system",
                        LATER.toString(),
                        "a login note without a row");
        assertThat(documentRow(chat))
                .containsExactly(
                        chat.toString(),
                        chat.toString(),
                        project.toString(),
                        null,
                        null,
                        null,
                        AT.toString(),
                        "Flaky login test");
    }

    @Test
    void a_document_not_indexed_right_after_its_row_or_with_other_values_keeps_what_its_row_lacks()
            throws SQLException {
        MessageId first = MessageId.next();
        MessageId second = MessageId.next();
        MessageId edited = MessageId.next();
        MessageId afterWrite = MessageId.next();
        inTransaction(() -> {
            writer().putThread(thread(chat, project, "Flaky login test", AT));
            writer().putTurn(turn(turn, chat, 1));
            // Two rows, then both documents: the first is indexed after another row was put.
            writer().putMessage(new MessageView(first, chat, turn, 1, Role.USER, "first", false, AT, AT));
            writer().putMessage(new MessageView(second, chat, turn, 2, Role.USER, "second", false, AT, AT));
            indexUserMessage(first, "first");
            indexUserMessage(second, "second");
            // A document whose text is not its row's keeps its text.
            writer().putMessage(new MessageView(edited, chat, turn, 3, Role.USER, "row text", false, AT, AT));
            indexUserMessage(edited, "document text");
            // Another write of the read models between a row and its document.
            writer().putMessage(new MessageView(afterWrite, chat, turn, 4, Role.USER, "fourth", false, AT, AT));
            writer().putThread(thread(chat, project, "Flaky login test", LATER));
            indexUserMessage(afterWrite, "fourth");
        });

        for (MessageId id : List.of(first, second, afterWrite)) {
            assertThat(documentRow(id))
                    .containsExactly(id.toString(), chat.toString(), project.toString(), null, null, null, null, null);
        }
        assertThat(documentRow(edited))
                .containsExactly(
                        edited.toString(),
                        chat.toString(),
                        project.toString(),
                        null,
                        null,
                        null,
                        null,
                        "document text");
        assertThat(messages(search("document", SearchFilter.none()))).containsExactly(edited);
        assertThat(messages(search("first", SearchFilter.none()))).containsExactly(first);
    }

    @Test
    void a_search_returns_what_each_document_was_written_with() {
        writeThreadsAndMessages();

        List<SearchHit> hits = search("login", SearchFilter.none());

        assertThat(hits)
                .extracting(
                        SearchHit::threadId,
                        SearchHit::threadTitle,
                        SearchHit::turnId,
                        SearchHit::turnOrdinal,
                        SearchHit::messageId,
                        SearchHit::role,
                        SearchHit::at)
                .containsExactlyInAnyOrder(
                        tuple(chat, "Flaky login test", turn, 1L, question, Role.USER, AT),
                        tuple(chat, "Flaky login test", turn, 1L, answer, Role.ASSISTANT, LATER),
                        tuple(other, "Release notes", otherTurn, 3L, elsewhere, Role.USER, AT),
                        tuple(chat, "Flaky login test", turn, 1L, rowless, Role.SYSTEM, LATER),
                        tuple(chat, "Flaky login test", null, 0L, null, null, AT));
        assertThat(hits)
                .filteredOn(hit -> answer.equals(hit.messageId()))
                .singleElement()
                .satisfies(hit -> assertThat(hit.snippet()).contains("[login] cookie"));
    }

    @Test
    void the_role_filter_reads_the_role_left_out_of_the_documents_and_the_others_still_apply() {
        writeThreadsAndMessages();

        assertThat(messages(search("login", new SearchFilter(otherProject, null, null, LIMIT))))
                .containsExactly(elsewhere);
        assertThat(messages(search("login", new SearchFilter(null, null, Role.ASSISTANT, LIMIT))))
                .containsExactly(answer);
        assertThat(messages(search("login", new SearchFilter(null, null, Role.SYSTEM, LIMIT))))
                .containsExactly(rowless);
        assertThat(messages(search("login", new SearchFilter(null, chat, Role.USER, LIMIT))))
                .containsExactly(question);
    }

    @Test
    void a_message_indexed_again_with_a_longer_text_is_found_by_its_new_words() throws SQLException {
        writeThreadsAndMessages();

        // As the projector does when a message completes: its row, then its document.
        String longer = "the login cookie expires before the redirect and the session is lost";
        inTransaction(() -> {
            writer().putMessage(new MessageView(answer, chat, turn, 2, Role.ASSISTANT, longer, false, LATER, LATER));
            storage.projections()
                    .search()
                    .index(SearchDocument.message(chat, project, turn, answer, Role.ASSISTANT, LATER, longer));
        });

        assertThat(messages(search("session", SearchFilter.none()))).containsExactly(answer);
        assertThat(messages(search("cookie", SearchFilter.none()))).containsExactly(answer);
        assertThat(documentRow(answer))
                .containsExactly(answer.toString(), chat.toString(), project.toString(), null, null, null, null, null);
    }

    private static List<MessageId> messages(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::messageId).toList();
    }

    @Test
    void removing_a_thread_removes_its_documents_and_leaves_the_others() {
        writeThreadsAndMessages();

        inTransaction(() -> storage.projections().search().removeThread(chat));

        assertThat(messages(search("login", SearchFilter.none()))).containsExactly(elsewhere);
        assertThat(Arrays.asList(
                        search("flaky", SearchFilter.none()).size(),
                        search("notes", SearchFilter.none()).size()))
                .containsExactly(0, 2);
    }
}
