package dev.threadline.application.search;

import dev.threadline.domain.error.InvalidInput;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed search query, independent of any storage's query syntax. The language: words (all must
 * match), {@code "exact phrases"}, {@code prefix*}, {@code OR} between two terms (either may
 * match; it binds tighter than the implicit AND), and {@code -word} or {@code -"phrase"} to
 * exclude. A word is a run of letters, digits and combining marks; every other character only
 * separates words, so pasted code never fails to parse. Words glued by such characters
 * ({@code foo.bar(baz)}, {@code std::vector<int>}) form a phrase, as they stand in the text.
 *
 * @param clauses what a match must hold: every clause, each by one of its terms
 * @param excluded what a match must not hold: none of these terms
 */
public record SearchQuery(List<Clause> clauses, List<Term> excluded) {

    /** Terms past this many are ignored: a pasted page finds what its first lines find. */
    public static final int MAX_TERMS = 64;

    /** Copies the lists; a query needs a clause. */
    public SearchQuery {
        clauses = List.copyOf(clauses);
        excluded = List.copyOf(excluded);
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one clause");
        }
    }

    /**
     * A word or a phrase.
     *
     * @param words its words, in order (one for a word), as typed
     * @param prefix whether the last word matches any word it begins
     */
    public record Term(List<String> words, boolean prefix) {

        /** Copies the words; a term has at least one. */
        public Term {
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("a term needs a word");
            }
        }
    }

    /**
     * Terms of which a match must hold one.
     *
     * @param anyOf the alternatives
     */
    public record Clause(List<Term> anyOf) {

        /** Copies the terms. */
        public Clause {
            anyOf = List.copyOf(anyOf);
        }
    }

    /**
     * Parses a query.
     *
     * @throws InvalidInput when it holds no word to search for (empty, only separators, or only
     *     exclusions)
     */
    public static SearchQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("a search needs a query: give at least one word to look for");
        }
        List<Item> items = lex(nfc(text));
        List<List<Term>> clauses = new ArrayList<>();
        List<Term> excluded = new ArrayList<>();
        boolean lastPositive = false;
        boolean joinNext = false;
        int terms = 0;
        for (int i = 0; i < items.size() && terms < MAX_TERMS; i++) {
            Item item = items.get(i);
            if (item.or()) {
                boolean nextPositive = i + 1 < items.size()
                        && !items.get(i + 1).or()
                        && !items.get(i + 1).negated();
                if (lastPositive && nextPositive) {
                    joinNext = true;
                    continue;
                }
                item = new Item(new Term(List.of("OR"), false), false, false);
            }
            terms++;
            if (item.negated()) {
                excluded.add(item.term());
                lastPositive = false;
            } else {
                if (joinNext) {
                    clauses.get(clauses.size() - 1).add(item.term());
                } else {
                    clauses.add(new ArrayList<>(List.of(item.term())));
                }
                joinNext = false;
                lastPositive = true;
            }
        }
        if (clauses.isEmpty()) {
            if (!excluded.isEmpty()) {
                throw new InvalidInput("a search needs at least one word to find, not only words to exclude (-word)");
            }
            throw new InvalidInput("the query " + quoted(text)
                    + " holds no word to search for: letters and digits are searched, other characters"
                    + " only separate words");
        }
        List<Clause> parsed = new ArrayList<>(clauses.size());
        for (List<Term> clause : clauses) {
            parsed.add(new Clause(clause));
        }
        return new SearchQuery(parsed, excluded);
    }

    /** Every term of the query, found or excluded. */
    public List<Term> terms() {
        List<Term> all = new ArrayList<>();
        clauses.forEach(clause -> all.addAll(clause.anyOf()));
        all.addAll(excluded);
        return all;
    }

    /**
     * The words of a text as the query language sees them: runs of letters, digits and combining
     * marks (and private-use characters), in order, a mark only after a letter or digit; everything
     * else separates.
     */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            // A combining mark belongs to the word before it; alone it is no word.
            if (isWordCharacter(c) && (!word.isEmpty() || !isMark(c))) {
                word.appendCodePoint(c);
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /** Whether a code point belongs to a word rather than separating words. */
    public static boolean isWordCharacter(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER,
                    Character.NON_SPACING_MARK,
                    Character.COMBINING_SPACING_MARK,
                    Character.ENCLOSING_MARK,
                    Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * The text in Unicode normal form C. Text below U+0300 (Latin letters without combining marks:
     * most queries) is already in that form and is returned as it is.
     */
    private static String nfc(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= '\u0300') {
                return Normalizer.normalize(text, Normalizer.Form.NFC);
            }
        }
        return text;
    }

    /** A lexed term (maybe excluded), or an {@code OR}. */
    private record Item(Term term, boolean negated, boolean or) {}

    private static List<Item> lex(String text) {
        List<Item> items = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = false;
            if (c == '-' && i + 1 < n && (text.charAt(i + 1) == '"' || isWordCharacter(text.codePointAt(i + 1)))) {
                negated = true;
                i++;
            }
            List<String> words;
            boolean prefix;
            if (text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                int end = close < 0 ? n : close;
                words = words(text.substring(i + 1, end));
                i = close < 0 ? n : close + 1;
                prefix = i < n && text.charAt(i) == '*';
                if (prefix) {
                    i++;
                }
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                String chunk = text.substring(i, end);
                i = end;
                if (!negated && chunk.equals("OR")) {
                    items.add(new Item(null, false, true));
                    continue;
                }
                words = words(chunk);
                prefix = chunk.length() > 1
                        && chunk.endsWith("*")
                        && isWordCharacter(chunk.codePointBefore(chunk.length() - 1));
            }
            if (!words.isEmpty()) {
                items.add(new Item(new Term(words, prefix), negated, false));
            }
        }
        return items;
    }

    private static String quoted(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "'" + shown + "'";
    }

    /** The terms as parsed, for messages and tests. */
    @Override
    public String toString() {
        return "SearchQuery" + Objects.toString(clauses) + " -" + excluded;
    }
}
