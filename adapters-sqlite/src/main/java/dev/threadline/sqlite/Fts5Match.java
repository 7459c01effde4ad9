package dev.threadline.sqlite;

import dev.threadline.application.search.SearchQuery;
import dev.threadline.application.search.SearchQuery.Clause;
import dev.threadline.application.search.SearchQuery.Term;
import java.util.stream.Collectors;

/**
 * Renders a parsed query as an FTS5 MATCH expression. Every term becomes an FTS5 string (double
 * quotes, inner quotes doubled), so no character of the user's text is ever read as FTS5 syntax;
 * the operators come only from the parsed structure.
 */
final class Fts5Match {

    private Fts5Match() {}

    static String render(SearchQuery query) {
        String positive = query.clauses().stream().map(Fts5Match::clause).collect(Collectors.joining(" AND "));
        if (query.excluded().isEmpty()) {
            return positive;
        }
        StringBuilder match = new StringBuilder("(").append(positive).append(')');
        for (Term term : query.excluded()) {
            match.append(" NOT ").append(term(term));
        }
        return match.toString();
    }

    private static String clause(Clause clause) {
        if (clause.anyOf().size() == 1) {
            return term(clause.anyOf().get(0));
        }
        return clause.anyOf().stream().map(Fts5Match::term).collect(Collectors.joining(" OR ", "(", ")"));
    }

    private static String term(Term term) {
        String words = String.join(" ", term.words()).replace("\"", "\"\"");
        return "\"" + words + "\"" + (term.prefix() ? " *" : "");
    }
}
