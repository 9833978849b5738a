package io.burrow.mcp.zim.search.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Snippets: the window of an article's text with the most query terms, words matching a query term (directly or
 * through the stemmer) wrapped in {@code <b>…</b>}, and an ellipsis where text was cut.
 */
public final class Snippets {

    private Snippets() {
    }

    /** Visible text of an HTML page (scripts, styles and the head left out). */
    public static String htmlText(byte[] html) {
        Document d = Jsoup.parse(new String(html, StandardCharsets.UTF_8));
        d.select("script, style, noscript, template, nav, header, footer, [role=navigation], .navbox, "
                + ".sphinxsidebar, .related, .footer, .mw-editsection, .mw-jump-link, a.headerlink").remove();
        return d.body() == null ? d.text() : d.body().text();
    }

    private record Word(int start, int end, boolean hit) {
    }

    /**
     * Builds a snippet of at most about {@code maxChars} characters.
     *
     * @param text plain text
     * @param terms the query's terms (lower-case, as indexed: stemmed and unstemmed forms)
     * @param stemmer stemmer of the index language, or null
     */
    public static String build(String text, Set<String> terms, UnaryOperator<String> stemmer, int maxChars) {
        List<Word> words = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        int[] charIdx = new int[cps.length + 1];
        for (int i = 0, c = 0; i < cps.length; i++) {
            charIdx[i] = c;
            c += Character.charCount(cps[i]);
            charIdx[i + 1] = c;
        }
        int i = 0;
        while (i < cps.length) {
            if (!XapianUnicode.isWordChar(cps[i])) {
                i++;
                continue;
            }
            int s = i;
            while (i < cps.length && (XapianUnicode.isWordChar(cps[i])
                    || (cps[i] == '\'' && i + 1 < cps.length && XapianUnicode.isWordChar(cps[i + 1])))) {
                i++;
            }
            String w = XapianUnicode.toLower(text.substring(charIdx[s], charIdx[i]));
            String folded = XapianUnicode.removeAccents(w);
            boolean hit = terms.contains(w) || terms.contains(folded)
                    || (stemmer != null && (terms.contains(stemmer.apply(w)) || terms.contains(stemmer.apply(folded))));
            words.add(new Word(charIdx[s], charIdx[i], hit));
        }
        if (text.isEmpty()) {
            return "";
        }
        // choose the window start (a word) maximising distinct hits, earliest first
        int bestStart = 0;
        int bestScore = -1;
        int hi = 0;
        int hits = 0;
        for (int lo = 0; lo < words.size(); lo++) {
            while (hi < words.size() && words.get(hi).end - words.get(lo).start <= maxChars) {
                if (words.get(hi).hit) {
                    hits++;
                }
                hi++;
            }
            int score = hits * 4 - (words.get(lo).hit ? 0 : 1);
            if (score > bestScore) {
                bestScore = score;
                bestStart = lo;
            }
            if (words.get(lo).hit) {
                hits--;
            }
        }
        if (words.isEmpty()) {
            return escape(text.substring(0, Math.min(text.length(), maxChars)));
        }
        // back up a few words so the first hit has some context
        int startWord = bestStart;
        if (words.get(startWord).hit) {
            int back = 0;
            while (startWord > 0 && back < 6
                    && words.get(bestStart).end - words.get(startWord - 1).start < maxChars / 3) {
                startWord--;
                back++;
            }
        }
        int from = words.get(startWord).start;
        int to = from;
        StringBuilder out = new StringBuilder();
        if (from > 0) {
            out.append("...");
        }
        int pos = from;
        for (int k = startWord; k < words.size(); k++) {
            Word w = words.get(k);
            if (w.end - from > maxChars) {
                break;
            }
            out.append(escape(text.substring(pos, w.start)));
            String word = escape(text.substring(w.start, w.end));
            out.append(w.hit ? "<b>" + word + "</b>" : word);
            pos = w.end;
            to = w.end;
        }
        if (to < text.length()) {
            String tail = text.substring(to);
            if (!tail.isBlank()) {
                out.append("...");
            }
        }
        return out.toString().strip();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
