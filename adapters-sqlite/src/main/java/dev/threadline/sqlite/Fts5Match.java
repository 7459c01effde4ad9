package dev.threadline.sqlite;

import dev.threadline.application.search.SearchQuery;
import dev.threadline.application.search.SearchQuery.Clause;
import dev.threadline.application.search.SearchQuery.Term;
import java.util.List;

/**
 * Renders a parsed query as an FTS5 MATCH expression. Every term becomes an FTS5 string (double
 * quotes, inner quotes doubled), so no character of the user's text is ever read as FTS5 syntax;
 * the operators come only from the parsed structure.
 */
final class Fts5Match {

    private Fts5Match() {}

    static String render(SearchQuery query) {
        StringBuilder match = new StringBuilder();
        boolean excluding = !query.excluded().isEmpty();
        if (excluding) {
            match.append('(');
        }
        for (int i = 0; i < query.clauses().size(); i++) {
            if (i > 0) {
                match.append(" AND ");
            }
            clause(match, query.clauses().get(i));
        }
        if (excluding) {
            match.append(')');
            for (Term term : query.excluded()) {
                term(match.append(" NOT "), term);
            }
        }
        return match.toString();
    }

    private static void clause(StringBuilder match, Clause clause) {
        List<Term> anyOf = clause.anyOf();
        if (anyOf.size() == 1) {
            term(match, anyOf.get(0));
            return;
        }
        match.append('(');
        for (int i = 0; i < anyOf.size(); i++) {
            term(i > 0 ? match.append(" OR ") : match, anyOf.get(i));
        }
        match.append(')');
    }

    private static void term(StringBuilder match, Term term) {
        match.append('"');
        for (int i = 0; i < term.words().size(); i++) {
            if (i > 0) {
                match.append(' ');
            }
            match.append(term.words().get(i).replace("\"", "\"\""));
        }
        match.append('"');
        if (term.prefix()) {
            match.append(" *");
        }
    }
}
