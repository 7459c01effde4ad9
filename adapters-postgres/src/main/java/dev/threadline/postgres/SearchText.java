package dev.threadline.postgres;

import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.application.search.SearchQuery.Clause;
import dev.threadline.application.search.SearchQuery.Term;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query language on PostgreSQL's full-text search. Documents and queries are split into words
 * by {@link SearchQuery#words} (so pasted code splits the same on both sides), each word without
 * case or diacritics; the document's words become a {@code tsvector} of the {@code simple}
 * configuration in order (phrases match by position), the query a {@code tsquery} whose every
 * word is a quoted lexeme, so no character of the user's text is read as tsquery syntax.
 */
final class SearchText {

    /** Words of context a snippet shows around its first match. */
    static final int SNIPPET_WORDS = 24;

    private SearchText() {}

    /** A word as the index keeps it: lowercase, without diacritics. */
    static String normalize(String word) {
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
        StringBuilder plain = new StringBuilder(decomposed.length());
        decomposed
                .codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(plain::appendCodePoint);
        return plain.toString().toLowerCase(Locale.ROOT);
    }

    /** The text {@code to_tsvector('simple', ?)} indexes for a document. */
    static String documentWords(String text) {
        return SearchQuery.words(text).stream().map(SearchText::normalize).collect(Collectors.joining(" "));
    }

    /** The text {@code to_tsquery('simple', ?)} reads for a query, or null when it has no clause. */
    static String tsquery(SearchQuery query) {
        if (query.clauses().isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Clause clause : query.clauses()) {
            text.append(text.isEmpty() ? "" : " & ")
                    .append(clause.anyOf().stream().map(SearchText::term).collect(Collectors.joining(" | ", "(", ")")));
        }
        for (Term term : query.excluded()) {
            text.append(" & !").append(term(term));
        }
        return text.toString();
    }

    private static String term(Term term) {
        List<String> lexemes = new ArrayList<>();
        for (int i = 0; i < term.words().size(); i++) {
            String word = normalize(term.words().get(i)).replace("\\", "\\\\").replace("'", "''");
            boolean prefix = term.prefix() && i == term.words().size() - 1;
            lexemes.add("'" + word + "'" + (prefix ? ":*" : ""));
        }
        return "(" + String.join(" <-> ", lexemes) + ")";
    }

    /**
     * The text around the first match, at most {@link #SNIPPET_WORDS} words, each word that a
     * query word matches (a prefix term: that begins with it) between the match marks, with an
     * ellipsis where text is left out.
     */
    static String snippet(String text, SearchQuery query) {
        Set<String> words = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (Term term : query.terms()) {
            for (int i = 0; i < term.words().size(); i++) {
                String word = normalize(term.words().get(i));
                (term.prefix() && i == term.words().size() - 1 ? prefixes : words).add(word);
            }
        }
        List<int[]> spans = spans(text);
        if (spans.isEmpty()) {
            return text;
        }
        boolean[] matched = new boolean[spans.size()];
        int first = -1;
        for (int i = 0; i < spans.size(); i++) {
            String word = normalize(text.substring(spans.get(i)[0], spans.get(i)[1]));
            matched[i] = words.contains(word) || prefixes.stream().anyMatch(word::startsWith);
            if (matched[i] && first < 0) {
                first = i;
            }
        }
        int start = Math.max(0, Math.min(first < 0 ? 0 : first - SNIPPET_WORDS / 4, spans.size() - SNIPPET_WORDS));
        int end = Math.min(spans.size(), start + SNIPPET_WORDS);
        StringBuilder snippet = new StringBuilder();
        int from = start == 0 ? 0 : spans.get(start)[0];
        if (start > 0) {
            snippet.append(SearchHit.ELLIPSIS);
        }
        for (int i = start; i < end; i++) {
            int[] span = spans.get(i);
            snippet.append(text, from, span[0]);
            if (matched[i]) {
                snippet.append(SearchHit.MATCH_START)
                        .append(text, span[0], span[1])
                        .append(SearchHit.MATCH_END);
            } else {
                snippet.append(text, span[0], span[1]);
            }
            from = span[1];
        }
        if (end < spans.size()) {
            snippet.append(SearchHit.ELLIPSIS);
        } else {
            snippet.append(text, from, text.length());
        }
        return snippet.toString();
    }

    /** The start and end of each word of a text, as {@link SearchQuery#words} splits it. */
    private static List<int[]> spans(String text) {
        List<int[]> spans = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean word = SearchQuery.isWordCharacter(c);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                spans.add(new int[] {start, i});
                start = -1;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            spans.add(new int[] {start, text.length()});
        }
        return spans;
    }
}
