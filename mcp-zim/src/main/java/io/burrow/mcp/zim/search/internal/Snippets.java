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

    /**
     * Which words are query terms: a word matches when it, its accent-folded form, or the stem of either is a
     * term. Each distinct word is looked at once (remembered for the next snippets of the same search). Not
     * thread-safe: one per search.
     */
    public static final class Terms {
        private final Set<String> terms;
        private final UnaryOperator<String> stemmer;
        /**
         * The words looked at, and whether they match: an open-addressing table looked up by a word's characters
         * in the text (no string made for a word seen before), at most {@value #MAX_SEEN} words.
         */
        private String[] seenWords = new String[512];
        private boolean[] seenMatch = new boolean[512];
        private int seenCount;
        private static final int MAX_SEEN = 100_000;

        /**
         * @param terms the query's terms (lower-case, as indexed: stemmed and unstemmed forms)
         * @param stemmer stemmer of the index language, or null
         */
        public Terms(Set<String> terms, UnaryOperator<String> stemmer) {
            this.terms = terms;
            this.stemmer = stemmer;
            for (String t : terms) {
                if (!t.isEmpty()) {
                    firsts.add(t.codePointAt(0));
                }
            }
        }

        /**
         * The first letters of the terms. A word can match a term only if its first letter, lower-cased and without
         * accents, is one of them: stemmers change the end of a word, never its first letter (beyond case and
         * accents), so the other words are not looked at further.
         */
        private final Set<Integer> firsts = new java.util.HashSet<>();
        private final java.util.HashMap<Integer, Boolean> firstSeen = new java.util.HashMap<>();
        private final boolean[] asciiFirst = new boolean[128];
        private boolean asciiReady;

        private boolean mayMatch(int cp) {
            if (cp < 128) {
                if (!asciiReady) {
                    for (int c = 0; c < 128; c++) {
                        asciiFirst[c] = firsts.contains((int) Character.toLowerCase((char) c));
                    }
                    asciiReady = true;
                }
                return asciiFirst[cp];
            }
            return firstSeen.computeIfAbsent(cp, c -> {
                String f = XapianUnicode.removeAccents(XapianUnicode.toLower(new String(Character.toChars(c))));
                return !f.isEmpty() && firsts.contains(f.codePointAt(0));
            });
        }

        /** Whether the word {@code text[from, to)} matches a term. */
        boolean matches(char[] text, int from, int to) {
            char c = text[from];
            return mayMatch(Character.isHighSurrogate(c) ? Character.codePointAt(text, from) : c)
                    && seen(text, from, to);
        }

        /** {@link #matches(String)} of the word {@code text[from, to)}, remembered. */
        private boolean seen(char[] text, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + text[i]; // String.hashCode of the word
            }
            String[] words = seenWords;
            int mask = words.length - 1;
            int slot = (h ^ (h >>> 16)) & mask;
            for (String w; (w = words[slot]) != null; slot = (slot + 1) & mask) {
                if (w.hashCode() == h && w.length() == to - from && sameChars(w, text, from)) {
                    return seenMatch[slot];
                }
            }
            String word = new String(text, from, to - from);
            boolean known = matches(word);
            if (seenCount < MAX_SEEN) {
                words[slot] = word;
                seenMatch[slot] = known;
                if (++seenCount * 2 > words.length) {
                    grow();
                }
            }
            return known;
        }

        private static boolean sameChars(String w, char[] text, int from) {
            for (int k = 0; k < w.length(); k++) {
                if (w.charAt(k) != text[from + k]) {
                    return false;
                }
            }
            return true;
        }

        private void grow() {
            String[] oldWords = seenWords;
            boolean[] oldMatch = seenMatch;
            seenWords = new String[oldWords.length * 2];
            seenMatch = new boolean[oldWords.length * 2];
            int mask = seenWords.length - 1;
            for (int i = 0; i < oldWords.length; i++) {
                String w = oldWords[i];
                if (w != null) {
                    int h = w.hashCode();
                    int slot = (h ^ (h >>> 16)) & mask;
                    while (seenWords[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    seenWords[slot] = w;
                    seenMatch[slot] = oldMatch[i];
                }
            }
        }

        /** Whether {@code word} matches a term (not remembered). */
        private boolean matches(String word) {
            String w = XapianUnicode.toLower(word);
            String folded = XapianUnicode.removeAccents(w);
            return terms.contains(w) || terms.contains(folded) || (stemmer != null
                    && (terms.contains(stemmer.apply(w)) || terms.contains(stemmer.apply(folded))));
        }
    }

    /** Word characters among ASCII (letters, digits, the connector {@code _}), as {@link XapianUnicode#isWordChar}. */
    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = XapianUnicode.isWordChar(c);
        }
    }

    private static boolean isWordChar(int cp) {
        return cp < 128 ? ASCII_WORD[cp] : XapianUnicode.isWordChar(cp);
    }

    /** The end of the word starting at {@code i} (an apostrophe between word characters belongs to it). */
    private static int wordEnd(char[] text, int i) {
        int len = text.length;
        while (i < len) {
            char ch = text[i];
            int c = Character.isSurrogate(ch) ? Character.codePointAt(text, i) : ch;
            if (isWordChar(c)) {
                i += Character.charCount(c);
            } else if (c == '\'' && i + 1 < len && isWordChar(Character.codePointAt(text, i + 1))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** The start of the next word at or after {@code i}, or the text's length. */
    private static int nextWord(char[] text, int i) {
        int len = text.length;
        while (i < len) {
            char ch = text[i];
            int c = Character.isSurrogate(ch) ? Character.codePointAt(text, i) : ch;
            if (isWordChar(c)) {
                return i;
            }
            i += Character.charCount(c);
        }
        return len;
    }

    /**
     * Builds a snippet of at most about {@code maxChars} characters, the words matching {@code terms} in bold: the
     * window with the most matching words (earliest first, starting at one of them), backed up a few words for
     * context. One pass over the text finds the matching words (a word is looked at further only when its first
     * letter may match); only the window is cut into words again.
     */
    public static String build(String string, Terms terms, int maxChars) {
        if (string.isEmpty()) {
            return "";
        }
        char[] text = string.toCharArray(); // indexed throughout: cheaper than charAt
        int len = text.length;
        int cap = 16;
        int[] hs = new int[cap];
        int[] he = new int[cap];
        int count = 0;
        int i = nextWord(text, 0);
        if (i == len) {
            return escape(string.substring(0, Math.min(len, maxChars)));
        }
        while (i < len) {
            int e = wordEnd(text, i);
            if (terms.matches(text, i, e)) {
                if (count == cap) {
                    cap *= 2;
                    hs = java.util.Arrays.copyOf(hs, cap);
                    he = java.util.Arrays.copyOf(he, cap);
                }
                hs[count] = i;
                he[count] = e;
                count++;
            }
            i = nextWord(text, e);
        }
        int from;
        if (count == 0) {
            from = nextWord(text, 0);
        } else {
            // the window starting at a matching word with the most matching words in it (earliest first)
            int best = 0;
            int bestHits = 0;
            int hi = 0;
            for (int lo = 0; lo < count; lo++) {
                hi = Math.max(hi, lo);
                while (hi < count && he[hi] - hs[lo] <= maxChars) {
                    hi++;
                }
                if (hi - lo > bestHits) {
                    bestHits = hi - lo;
                    best = lo;
                }
            }
            // back up a few words so the first match has some context
            from = hs[best];
            int firstEnd = he[best];
            for (int back = 0; back < 6; back++) {
                int prev = previousWord(text, from);
                if (prev < 0 || firstEnd - prev >= maxChars / 3) {
                    break;
                }
                from = prev;
            }
        }
        StringBuilder out = new StringBuilder(maxChars + 64);
        if (from > 0) {
            out.append("...");
        }
        int pos = from;
        int to = from;
        for (int w = from; w < len; ) {
            int e = wordEnd(text, w);
            if (e - from > maxChars) {
                break;
            }
            out.append(escape(string.substring(pos, w)));
            String word = escape(string.substring(w, e));
            out.append(terms.matches(text, w, e) ? "<b>" + word + "</b>" : word);
            pos = e;
            to = e;
            w = nextWord(text, e);
        }
        for (int k = to; k < len; k++) {
            if (!Character.isWhitespace(text[k])) {
                out.append("...");
                break;
            }
        }
        return out.toString().strip();
    }

    /** The start of the word before the one starting at {@code start}, or -1. */
    private static int previousWord(char[] text, int start) {
        int i = start - 1;
        while (i >= 0 && !isWordChar(text[i])) { // (a surrogate is not a word character: fine here)
            i--;
        }
        if (i < 0) {
            return -1;
        }
        while (i > 0 && (isWordChar(text[i - 1]) || (text[i - 1] == '\'' && i > 1
                && isWordChar(text[i - 2])))) {
            i--;
        }
        return i;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
