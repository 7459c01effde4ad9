package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadline.application.search.SearchDocument;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.MessageId;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import dev.threadline.domain.id.TurnId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SearchIndex} promises; each implementation supplies only the store. */
public abstract class SearchIndexContract extends StorageContract {

    private final ProjectId project = ProjectId.next();
    private final ProjectId otherProject = ProjectId.next();
    private final ThreadId thread = ThreadId.next();
    private final ThreadId otherThread = ThreadId.next();
    private final TurnId turn = TurnId.next();

    protected SearchIndex search() {
        return storage.projections().search();
    }

    @BeforeEach
    void twoThreads() {
        inTransaction(() -> {
            writer().putThread(thread(thread, project, "Flaky login test", AT));
            writer().putThread(thread(otherThread, otherProject, "Release notes", AT));
            writer().putTurn(turn(turn, thread, 1));
        });
    }

    private MessageId add(ThreadId in, Role role, String text) {
        MessageId id = MessageId.next();
        ProjectId of = in.equals(thread) ? project : otherProject;
        inTransaction(() -> search().index(SearchDocument.message(in, of, turn, id, role, AT, text)));
        return id;
    }

    private List<MessageId> find(String query) {
        return find(query, SearchFilter.none());
    }

    private List<MessageId> find(String query, SearchFilter filter) {
        return search().search(SearchQuery.parse(query), filter).stream()
                .map(SearchHit::messageId)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    @Test
    void every_word_must_match() {
        MessageId both = add(thread, Role.USER, "the login test fails on CI");
        add(thread, Role.USER, "the login page is slow");
        assertThat(find("login fails")).containsExactly(both);
    }

    @Test
    void a_phrase_matches_its_words_in_order_only() {
        MessageId inOrder = add(thread, Role.USER, "a race condition in the pool");
        add(thread, Role.USER, "the condition of the race");
        assertThat(find("\"race condition\"")).containsExactly(inOrder);
    }

    @Test
    void a_prefix_matches_words_it_begins() {
        MessageId migration = add(thread, Role.ASSISTANT, "the migrations ran");
        add(thread, Role.ASSISTANT, "emigrate elsewhere");
        assertThat(find("migr*")).containsExactly(migration);
    }

    @Test
    void or_matches_either_and_an_excluded_word_removes_a_match() {
        MessageId sqlite = add(thread, Role.USER, "store it in sqlite");
        MessageId postgres = add(thread, Role.USER, "store it in postgres");
        add(thread, Role.USER, "store it in files");
        MessageId both = add(thread, Role.USER, "store it in sqlite or postgres, staging only");
        assertThat(find("store sqlite OR postgres")).containsExactlyInAnyOrder(sqlite, postgres, both);
        assertThat(find("store sqlite OR postgres -staging")).containsExactlyInAnyOrder(sqlite, postgres);
    }

    @Test
    void case_and_diacritics_do_not_matter() {
        MessageId cafe = add(thread, Role.USER, "Meet at the CAFÉ in Zürich");
        assertThat(find("cafe zurich")).containsExactly(cafe);
        assertThat(find("Café ZÜRICH")).containsExactly(cafe);
    }

    @Test
    void pasted_code_finds_where_it_was_written() {
        MessageId call = add(thread, Role.ASSISTANT, "call foo.bar(baz) then std::vector<int> v;");
        add(thread, Role.ASSISTANT, "baz bar foo and int vector std");
        assertThat(find("foo.bar(baz)")).containsExactly(call);
        assertThat(find("std::vector<int>")).containsExactly(call);
        assertThat(find("a->b && c || !d; $x[0] = {'k': 1} /* @t */ \"unclosed"))
                .isEmpty();
    }

    @Test
    void a_very_long_query_runs() {
        MessageId word = add(thread, Role.USER, "word");
        assertThat(find("word ".repeat(5_000))).containsExactly(word);
    }

    @Test
    void a_better_match_ranks_first() {
        MessageId weak = add(
                thread,
                Role.ASSISTANT,
                "we looked at many things today including the deadlock, the build, the docs and more notes");
        MessageId strong = add(thread, Role.ASSISTANT, "deadlock: the deadlock is a deadlock");
        List<SearchHit> hits = search().search(SearchQuery.parse("deadlock"), SearchFilter.none());
        assertThat(hits).extracting(SearchHit::messageId).containsExactly(strong, weak);
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    void snippets_mark_the_matches() {
        add(thread, Role.USER, "please fix the flaky login test before the release");
        SearchHit hit = search().search(SearchQuery.parse("flaky release"), SearchFilter.none())
                .get(0);
        assertThat(hit.snippet()).contains("[flaky]").contains("[release]");
        assertThat(hit.threadTitle()).isEqualTo("Flaky login test");
        assertThat(hit.turnOrdinal()).isEqualTo(1);
        assertThat(hit.role()).isEqualTo(Role.USER);
    }

    @Test
    void thread_titles_are_found() {
        inTransaction(() -> search().index(SearchDocument.title(thread, project, AT, "Flaky login test")));
        List<SearchHit> hits = search().search(SearchQuery.parse("flaky"), SearchFilter.none());
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.threadId()).isEqualTo(thread);
            assertThat(hit.messageId()).isNull();
            assertThat(hit.snippet()).contains("[Flaky]");
        });
    }

    @Test
    void filters_combine_and_the_limit_holds() {
        MessageId mine = add(thread, Role.USER, "deploy now");
        MessageId answer = add(thread, Role.ASSISTANT, "deploy done");
        MessageId elsewhere = add(otherThread, Role.USER, "deploy later");
        assertThat(find("deploy")).containsExactlyInAnyOrder(mine, answer, elsewhere);
        assertThat(find("deploy", new SearchFilter(project, null, null, 20))).containsExactlyInAnyOrder(mine, answer);
        assertThat(find("deploy", new SearchFilter(project, null, Role.USER, 20)))
                .containsExactly(mine);
        assertThat(find("deploy", new SearchFilter(null, otherThread, Role.USER, 20)))
                .containsExactly(elsewhere);
        assertThat(find("deploy", new SearchFilter(project, otherThread, null, 20)))
                .isEmpty();
        assertThat(find("deploy", new SearchFilter(null, null, null, 2))).hasSize(2);
    }

    @Test
    void indexing_a_key_again_replaces_its_text_and_removing_a_thread_drops_its_documents() {
        MessageId id = MessageId.next();
        inTransaction(() -> {
            search().index(SearchDocument.message(thread, project, turn, id, Role.ASSISTANT, AT, "draft"));
            search().index(SearchDocument.message(thread, project, turn, id, Role.ASSISTANT, AT, "final answer"));
        });
        assertThat(find("draft")).isEmpty();
        assertThat(find("final")).containsExactly(id);
        inTransaction(() -> search().removeThread(thread));
        assertThat(find("final")).isEmpty();
    }

    @Test
    void inside_a_transaction_the_index_sees_its_writes_and_a_rollback_forgets_them() {
        MessageId id = MessageId.next();
        try {
            inTransaction(() -> {
                search().index(SearchDocument.message(thread, project, turn, id, Role.USER, AT, "ephemeral"));
                assertThat(find("ephemeral")).containsExactly(id);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the rollback is the point
        }
        assertThat(find("ephemeral")).isEmpty();
    }

    @Test
    void clearing_the_read_models_empties_the_index() {
        add(thread, Role.USER, "something to forget");
        inTransaction(() -> writer().clear());
        assertThat(find("forget")).isEmpty();
    }
}
