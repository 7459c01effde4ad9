package dev.threadline.application.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.search.SearchQuery.Clause;
import dev.threadline.application.search.SearchQuery.Term;
import dev.threadline.domain.error.InvalidInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

    private static Term word(String word) {
        return new Term(List.of(word), false);
    }

    private static Clause one(Term term) {
        return new Clause(List.of(term));
    }

    @Test
    void words_must_all_match() {
        assertThat(SearchQuery.parse("flaky  test").clauses()).containsExactly(one(word("flaky")), one(word("test")));
    }

    @Test
    void a_quoted_phrase_is_one_term_and_an_unclosed_quote_runs_to_the_end() {
        assertThat(SearchQuery.parse("\"race condition\" fix").clauses())
                .containsExactly(one(new Term(List.of("race", "condition"), false)), one(word("fix")));
        assertThat(SearchQuery.parse("\"open quote").clauses())
                .containsExactly(one(new Term(List.of("open", "quote"), false)));
    }

    @Test
    void a_trailing_star_makes_a_prefix_of_a_word_or_a_phrase() {
        assertThat(SearchQuery.parse("migr* \"flyway ver\"*").clauses())
                .containsExactly(one(new Term(List.of("migr"), true)), one(new Term(List.of("flyway", "ver"), true)));
    }

    @Test
    void or_joins_the_terms_around_it_and_binds_tighter_than_and() {
        assertThat(SearchQuery.parse("sqlite postgres OR mysql").clauses())
                .containsExactly(one(word("sqlite")), new Clause(List.of(word("postgres"), word("mysql"))));
    }

    @Test
    void or_without_a_term_on_each_side_is_a_word() {
        assertThat(SearchQuery.parse("OR gate").clauses()).containsExactly(one(word("OR")), one(word("gate")));
        assertThat(SearchQuery.parse("either OR").clauses()).containsExactly(one(word("either")), one(word("OR")));
    }

    @Test
    void a_leading_dash_excludes_a_word_or_a_phrase_and_other_dashes_separate() {
        SearchQuery query = SearchQuery.parse("deploy -staging -\"dry run\" --force well-known");
        assertThat(query.excluded()).containsExactly(word("staging"), new Term(List.of("dry", "run"), false));
        assertThat(query.clauses())
                .containsExactly(
                        one(word("deploy")), one(word("force")), one(new Term(List.of("well", "known"), false)));
    }

    @Test
    void code_identifiers_become_phrases_of_their_words() {
        assertThat(SearchQuery.parse("foo.bar(baz)").clauses())
                .containsExactly(one(new Term(List.of("foo", "bar", "baz"), false)));
        assertThat(SearchQuery.parse("std::vector<int>").clauses())
                .containsExactly(one(new Term(List.of("std", "vector", "int"), false)));
        assertThat(SearchQuery.parse("a->b && c || !d; $x[0] = {'k': 1} /* @t */ #1 `q` \\n")
                        .terms())
                .isNotEmpty();
    }

    @Test
    void letters_of_every_script_and_accents_are_words() {
        assertThat(SearchQuery.parse("café Straße 東京 naïve").clauses())
                .containsExactly(one(word("café")), one(word("Straße")), one(word("東京")), one(word("naïve")));
        // A decomposed accent is composed first, so it stays inside its word.
        assertThat(SearchQuery.parse("cafe\u0301").clauses()).containsExactly(one(word("café")));
    }

    @Test
    void an_empty_query_is_refused() {
        assertThatThrownBy(() -> SearchQuery.parse("")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> SearchQuery.parse("   ")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_query_of_only_separators_is_refused_with_a_sentence() {
        assertThatThrownBy(() -> SearchQuery.parse("::() -- \"\" * <>"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("holds no word to search for");
    }

    @Test
    void a_query_of_only_exclusions_is_refused() {
        assertThatThrownBy(() -> SearchQuery.parse("-foo -bar"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("not only words to exclude");
    }

    @Test
    void a_very_long_query_keeps_its_first_terms() {
        String longQuery = "word ".repeat(10_000) + "foo.bar(" + "x".repeat(5_000) + ")";
        SearchQuery query = SearchQuery.parse(longQuery);
        assertThat(query.terms()).hasSize(SearchQuery.MAX_TERMS);
    }
}
