package io.burrow.mcp.zim.tools.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Section ids: the heading's own id, else that of the section element it opens, else an anchor inside it or just
 * before it, else a slug of its title; made unique within the page ({@code -2}, {@code -3}…).
 */
final class HeadingIds {

    /** An id and where it came from (see {@link Section#idSource()}). */
    record Choice(String id, String source) {
    }

    private final Set<String> ids = new HashSet<>();

    private final Map<String, Integer> nextSuffix = new HashMap<>();
    private final PageScope page;

    HeadingIds(PageScope page) {
        this.page = page;
    }

    /** The unique id of heading {@code h} whose plain text is {@code title}. */
    Choice choose(Element h, String title) {
        String id;
        String source;
        Element sec = page.sectionOf(h);
        String anchor;
        if (!h.id().isBlank()) {
            id = h.id().strip();
            source = "id";
        } else if (sec != null && !sec.id().isBlank()) {
            id = sec.id().strip();
            source = "section";
        } else if ((anchor = descendantAnchor(h)) != null) {
            id = anchor;
            source = "descendant_anchor";
        } else if ((anchor = precedingAnchor(h)) != null) {
            id = anchor;
            source = "preceding_anchor";
        } else {
            id = slug(title);
            source = "slug";
        }
        id = unique(id);
        return new Choice(id, source);
    }

    /** The first id (or {@code a name}) inside an element, outside skipped subtrees, in document order. */
    private String descendantAnchor(Element h) {
        for (int i = 0, size = h.childNodeSize(); i < size; i++) {
            if (h.childNode(i) instanceof Element d && !page.skipped(d)) {
                String a = anchorName(d);
                if (a == null) {
                    a = descendantAnchor(d);
                }
                if (a != null) {
                    return a;
                }
            }
        }
        return null;
    }

    private String precedingAnchor(Element h) {
        Node prev = h.previousSibling();
        while (prev != null && !(prev instanceof Element)) {
            if (prev instanceof TextNode t && !t.isBlank()) {
                return null;
            }
            prev = prev.previousSibling();
        }
        if (prev instanceof Element e && !page.skipped(e) && !e.hasText()) {
            return anchorName(e);
        }
        return null;
    }

    private static String anchorName(Element e) {
        if (!e.id().isBlank()) {
            return e.id().strip();
        }
        if (e.normalName().equals("a") && !e.attr("name").isBlank()) {
            return e.attr("name").strip();
        }
        return null;
    }

    private String unique(String id) {
        if (ids.add(id)) {
            return id;
        }
        int n = nextSuffix.getOrDefault(id, 2);
        String candidate;
        do {
            candidate = id + "-" + n++;
        } while (!ids.add(candidate));
        nextSuffix.put(id, n);
        return candidate;
    }

    /** A slug of a heading's text: lower case, letters and digits, runs of anything else as one hyphen. */
    static String slug(String text) {
        StringBuilder b = new StringBuilder();
        boolean hyphen = false;
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (hyphen && b.length() > 0) {
                    b.append('-');
                }
                hyphen = false;
                b.appendCodePoint(cp);
            } else {
                hyphen = true;
            }
        }
        return b.length() == 0 ? "section" : b.toString();
    }
}
