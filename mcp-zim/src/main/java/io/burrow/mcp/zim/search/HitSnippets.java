package io.burrow.mcp.zim.search;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.zim.search.internal.HtmlText;
import io.burrow.mcp.zim.search.internal.Snippets;
import io.burrow.mcp.zim.search.internal.XQuery;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search → snippet path of one full-text search, in one place: the terms the query highlights (those of its
 * positive branches, without the unstemmed-term prefix), and for each hit its HTML read through the
 * {@link SearchSource} (at most {@value #MAX_HTML} bytes), its visible text ({@link HtmlText}, kept in the searcher's
 * text cache for the next searches) and the window of it with the most terms ({@link Snippets}). A snippet that
 * cannot be made is left out.
 */
final class HitSnippets {

    private static final Logger LOG = LoggerFactory.getLogger(HitSnippets.class);
    /** About how long a snippet is, in characters. */
    static final int CHARS = 300;
    /** How much of an entry's HTML is read for its snippet. */
    static final int MAX_HTML = 4 << 20;

    private final SearchSource source;
    private final Cache<String, String> texts;
    private final String textKey;
    private final Snippets.Terms terms;

    /**
     * @param texts the visible text of entries, filled as snippets are made (or null)
     * @param textKey the prefix of this archive's paths in {@code texts}
     * @param stemmer the index language's stemmer, or null
     * @param query the parsed query whose terms are highlighted
     */
    HitSnippets(SearchSource source, Cache<String, String> texts, String textKey, UnaryOperator<String> stemmer,
            XQuery query) {
        this.source = source;
        this.texts = texts;
        this.textKey = textKey;
        Set<String> t = new HashSet<>();
        collect(query, t);
        this.terms = new Snippets.Terms(t, stemmer);
    }

    private static void collect(XQuery q, Set<String> out) {
        if (q instanceof XQuery.Term t) {
            out.add(t.term().startsWith("Z") ? t.term().substring(1) : t.term());
        } else if (q instanceof XQuery.Branch b) {
            if (b.op() == XQuery.Op.AND_NOT) {
                collect(b.subs().get(0), out);
                return;
            }
            for (XQuery s : b.subs()) {
                collect(s, out);
            }
        }
    }

    /** The visible text of the entry at {@code path}, or null. */
    private String text(String path) {
        Optional<byte[]> html = source.content(path, MAX_HTML);
        return html.isEmpty() ? null : HtmlText.of(html.get());
    }

    /** The snippet of the entry at {@code path}, terms in {@code <b>}, or null. */
    String of(String path) {
        try {
            String text = texts == null ? text(path) : texts.get(textKey + path, k -> text(path));
            return text == null ? null : Snippets.build(text, terms, CHARS);
        } catch (RuntimeException e) {
            LOG.debug("no snippet for an entry", e);
            return null;
        }
    }
}
