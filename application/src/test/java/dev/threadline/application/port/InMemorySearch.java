package dev.threadline.application.port;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.search.SearchDocument;
import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.application.search.SearchQuery;
import dev.threadline.application.search.SearchQuery.Term;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The in-memory fake's search: the query language's own word splitting, words folded (case and
 * diacritics), scored by matched occurrences per square root of the document's length. Simpler than
 * BM25, it still ranks a clearly better match first.
 */
final class InMemorySearch {

    private static final int SNIPPET_WORDS = 32;

    private InMemorySearch() {}

    static List<SearchHit> search(
            Collection<SearchDocument> documents,
            Map<String, ThreadView> threads,
            Map<String, Long> turnOrdinals,
            SearchQuery query,
            SearchFilter filter) {
        record Scored(SearchDocument document, double score) {}
        List<Scored> scored = new ArrayList<>();
        for (SearchDocument document : documents) {
            ThreadView thread = threads.get(document.threadId().toString());
            if (!filter.accepts(document) || thread == null || thread.deleted()) {
                continue;
            }
            List<String> words = folded(SearchQuery.words(document.text()));
            int found = 0;
            boolean all = true;
            for (SearchQuery.Clause clause : query.clauses()) {
                int inClause = 0;
                for (Term term : clause.anyOf()) {
                    inClause += occurrences(words, term);
                }
                all &= inClause > 0;
                found += inClause;
            }
            boolean excluded = query.excluded().stream().anyMatch(term -> occurrences(words, term) > 0);
            if (all && !excluded) {
                scored.add(new Scored(document, found / Math.sqrt(words.size())));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingDouble(Scored::score)
                        .reversed()
                        .thenComparing(s -> s.document().at(), Comparator.reverseOrder())
                        .thenComparing(s -> s.document().key()))
                .limit(filter.limit())
                .map(s -> {
                    SearchDocument d = s.document();
                    return new SearchHit(
                            d.threadId(),
                            threads.get(d.threadId().toString()).title(),
                            d.turnId(),
                            d.turnId() == null
                                    ? 0
                                    : turnOrdinals.getOrDefault(d.turnId().toString(), 0L),
                            d.messageId(),
                            d.role(),
                            d.at(),
                            s.score(),
                            snippet(d.text(), query));
                })
                .toList();
    }

    static String fold(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }

    private static List<String> folded(List<String> words) {
        return words.stream().map(InMemorySearch::fold).toList();
    }

    private static int occurrences(List<String> words, Term term) {
        List<String> wanted = folded(term.words());
        int count = 0;
        for (int start = 0; start + wanted.size() <= words.size(); start++) {
            boolean match = true;
            for (int i = 0; i < wanted.size() && match; i++) {
                String word = words.get(start + i);
                boolean last = i == wanted.size() - 1;
                match = last && term.prefix() ? word.startsWith(wanted.get(i)) : word.equals(wanted.get(i));
            }
            if (match) {
                count++;
            }
        }
        return count;
    }

    /** The text's words around the first match, each word of a sought term marked. */
    private static String snippet(String text, SearchQuery query) {
        List<String> words = SearchQuery.words(text);
        List<Term> sought = query.clauses().stream()
                .flatMap(clause -> clause.anyOf().stream())
                .toList();
        int first = -1;
        List<Boolean> marked = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = fold(words.get(i));
            boolean hit = sought.stream().anyMatch(term -> {
                List<String> wanted = folded(term.words());
                for (int w = 0; w < wanted.size(); w++) {
                    boolean prefix = term.prefix() && w == wanted.size() - 1;
                    if (prefix ? word.startsWith(wanted.get(w)) : word.equals(wanted.get(w))) {
                        return true;
                    }
                }
                return false;
            });
            marked.add(hit);
            if (hit && first < 0) {
                first = i;
            }
        }
        int from = Math.max(0, first - SNIPPET_WORDS / 2);
        int to = Math.min(words.size(), from + SNIPPET_WORDS);
        StringBuilder snippet = new StringBuilder(from > 0 ? SearchHit.ELLIPSIS : "");
        for (int i = from; i < to; i++) {
            if (i > from) {
                snippet.append(' ');
            }
            snippet.append(marked.get(i) ? SearchHit.MATCH_START + words.get(i) + SearchHit.MATCH_END : words.get(i));
        }
        if (to < words.size()) {
            snippet.append(SearchHit.ELLIPSIS);
        }
        return snippet.toString();
    }
}
