package io.burrow.mcp.zim.search.internal;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Snippets: the window of an article's text with the most query terms, words matching a query term (directly or
 * through the stemmer) wrapped in {@code <b>…</b>}, and an ellipsis where text was cut.
 */
public final class Snippets {

    private Snippets() {
    }

    /** Visible text of an HTML page (scripts, styles, the head and page furniture left out): {@link HtmlText}. */
    public static String htmlText(byte[] html) {
        return HtmlText.of(html);
    }

    /**
     * Which words are query terms: a word matches when it, its accent-folded form, or the stem of either is a
     * term. Each distinct word is looked at once (remembered for the next snippets of the same search). Not
     * thread-safe: one per search.
     */
    public static final class Terms {
        private final Set<String> terms;
        private final UnaryOperator<String> stemmer;
        private final java.util.HashMap<String, Boolean> seen = new java.util.HashMap<>();

        /**
         * @param terms the query's terms (lower-case, as indexed: stemmed and unstemmed forms)
         * @param stemmer stemmer of the index language, or null
         */
        public Terms(Set<String> terms, UnaryOperator<String> stemmer) {
            this.terms = terms;
            this.stemmer = stemmer;
        }

        boolean matches(String word) {
            Boolean known = seen.get(word);
            if (known == null) {
                String w = XapianUnicode.toLower(word);
                String folded = XapianUnicode.removeAccents(w);
                known = terms.contains(w) || terms.contains(folded) || (stemmer != null
                        && (terms.contains(stemmer.apply(w)) || terms.contains(stemmer.apply(folded))));
                if (seen.size() < 100_000) {
                    seen.put(word, known);
                }
            }
            return known;
        }
    }

    /**
     * Builds a snippet of at most about {@code maxChars} characters.
     *
     * @param text plain text
     * @param terms the query's terms (lower-case, as indexed: stemmed and unstemmed forms)
     * @param stemmer stemmer of the index language, or null
     */
    public static String build(String text, Set<String> terms, UnaryOperator<String> stemmer, int maxChars) {
        return build(text, new Terms(terms, stemmer), maxChars);
    }

    /** Builds a snippet of at most about {@code maxChars} characters, the words matching {@code terms} in bold. */
    public static String build(String text, Terms terms, int maxChars) {
        if (text.isEmpty()) {
            return "";
        }
        int cap = 64;
        int[] starts = new int[cap];
        int[] ends = new int[cap];
        boolean[] hit = new boolean[cap];
        int count = 0;
        int len = text.length();
        int i = 0;
        while (i < len) {
            int cp = text.codePointAt(i);
            if (!XapianUnicode.isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int s = i;
            i += Character.charCount(cp);
            while (i < len) {
                int c = text.codePointAt(i);
                if (XapianUnicode.isWordChar(c)) {
                    i += Character.charCount(c);
                } else if (c == '\'' && i + 1 < len && XapianUnicode.isWordChar(text.codePointAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            if (count == cap) {
                cap *= 2;
                starts = java.util.Arrays.copyOf(starts, cap);
                ends = java.util.Arrays.copyOf(ends, cap);
                hit = java.util.Arrays.copyOf(hit, cap);
            }
            starts[count] = s;
            ends[count] = i;
            hit[count] = terms.matches(text.substring(s, i));
            count++;
        }
        if (count == 0) {
            return escape(text.substring(0, Math.min(text.length(), maxChars)));
        }
        // choose the window start (a word) maximising distinct hits, earliest first
        int bestStart = 0;
        int bestScore = -1;
        int hi = 0;
        int hits = 0;
        for (int lo = 0; lo < count; lo++) {
            while (hi < count && ends[hi] - starts[lo] <= maxChars) {
                if (hit[hi]) {
                    hits++;
                }
                hi++;
            }
            int score = hits * 4 - (hit[lo] ? 0 : 1);
            if (score > bestScore) {
                bestScore = score;
                bestStart = lo;
            }
            if (hit[lo]) {
                hits--;
            }
        }
        // back up a few words so the first hit has some context
        int startWord = bestStart;
        if (hit[startWord]) {
            int back = 0;
            while (startWord > 0 && back < 6 && ends[bestStart] - starts[startWord - 1] < maxChars / 3) {
                startWord--;
                back++;
            }
        }
        int from = starts[startWord];
        int to = from;
        StringBuilder out = new StringBuilder(maxChars + 64);
        if (from > 0) {
            out.append("...");
        }
        int pos = from;
        for (int k = startWord; k < count; k++) {
            if (ends[k] - from > maxChars) {
                break;
            }
            out.append(escape(text.substring(pos, starts[k])));
            String word = escape(text.substring(starts[k], ends[k]));
            out.append(hit[k] ? "<b>" + word + "</b>" : word);
            pos = ends[k];
            to = ends[k];
        }
        for (int k = to; k < text.length(); k++) {
            if (!Character.isWhitespace(text.charAt(k))) {
                out.append("...");
                break;
            }
        }
        return out.toString().strip();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
