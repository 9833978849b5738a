package io.burrow.mcp.zim.tools.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * What of a page is rendered: the main content ({@link #root()}), the boilerplate skipped inside it, what each
 * element holds (blocks, tables, headings, {@code pre}), the {@code h1}s and the first heading of each section
 * element, all found in one pass; and the visible text of an element. The first step of a {@link Renderer}.
 */
final class PageScope {

    /** Main-content candidates, in order of preference. */
    private static final List<Evaluator> SCOPES = List.of(QueryParser.parse("[role=main]"), QueryParser.parse("main"),
            QueryParser.parse("#mw-content-text"), QueryParser.parse("#content"), QueryParser.parse("article"),
            QueryParser.parse("div.body"));

    /** Never rendered (nor their links listed): by tag. */
    private static final Set<String> SKIPPED_TAGS = Set.of("head", "script", "style", "noscript", "template", "link",
            "meta", "base", "nav", "footer", "form", "input", "button", "select", "textarea", "option", "dialog",
            "iframe", "object", "embed", "svg", "canvas", "map");

    /** Never rendered: by class (besides {@code sup.reference} and {@code a.headerlink}). */
    private static final String[] SKIPPED_CLASSES = {"navbox", "vertical-navbox", "mw-editsection", "mw-jump-link",
        "mw-cite-backlink", "toc", "sphinxsidebar", "related", "noprint", "metadata", "printfooter", "footer"};

    /** Never rendered: by id. */
    private static final Set<String> SKIPPED_IDS = Set.of("toc", "footer", "catlinks");

    private static final Evaluator HEADINGS = QueryParser.parse("h1, h2, h3, h4, h5, h6");

    private static final Pattern DISPLAY_NONE = Pattern.compile("(?i)display\\s*:\\s*none");

    private static final Set<String> BLOCK = Set.of("address", "article", "aside", "blockquote", "body", "caption",
            "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
            "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
            "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
            "tr", "ul");

    static final int HAS_BLOCK = 1;

    static final int HAS_TABLE = 2;

    static final int HAS_HEADING = 4;

    static final int HAS_PRE = 8;

    private final Set<Element> skip = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Per element: what its descendants hold (HAS_* bits); absent is 0. */
    private final Map<Element, Integer> contents = new IdentityHashMap<>();

    /** Headings that are the first heading of their nearest section element → that element. */
    private final Map<Element, Element> sectionOf = new IdentityHashMap<>();

    private final List<Element> h1s = new ArrayList<>();
    private final Element root;

    /** Finds the main content of {@code doc} and surveys it. */
    PageScope(Document doc) {
        this.root = root(doc);
        survey(root);
    }

    /** The main content: the first of the {@link #SCOPES} present, else the body. */
    Element root() {
        return root;
    }

    /** Whether {@code e} is boilerplate (never rendered, its links not listed). */
    boolean skipped(Element e) {
        return skip.contains(e);
    }

    /** The section element whose first heading {@code h} is, or null. */
    Element sectionOf(Element h) {
        return sectionOf.get(h);
    }

    /** The {@code h1}s of the main content, in document order. */
    List<Element> h1s() {
        return h1s;
    }

    /** Whether elements named {@code tag} are blocks. */
    static boolean isBlock(String tag) {
        return BLOCK.contains(tag);
    }

    private static Element root(Document doc) {
        for (Evaluator s : SCOPES) {
            Element e = doc.selectFirst(s);
            if (e != null) {
                return e;
            }
        }
        return doc.body() != null ? doc.body() : doc;
    }

    /**
     * Boilerplate: navigation, page furniture, forms, embedded objects, edit links, footnote markers, hidden
     * elements; a page header ({@code header}, {@code #header}) unless it holds a heading.
     */
    private static boolean isBoilerplate(Element e) {
        String tag = e.normalName();
        if (SKIPPED_TAGS.contains(tag)) {
            return true;
        }
        if (e.attributesSize() == 0) {
            return tag.equals("header") && e.selectFirst(HEADINGS) == null;
        }
        String id = e.id();
        if (!id.isEmpty() && SKIPPED_IDS.contains(id)) {
            return true;
        }
        if (e.hasAttr("hidden") || e.attr("role").equalsIgnoreCase("navigation")) {
            return true;
        }
        if (e.hasAttr("style") && DISPLAY_NONE.matcher(e.attr("style")).find()) {
            return true;
        }
        if (!e.className().isEmpty()) {
            for (String c : SKIPPED_CLASSES) {
                if (e.hasClass(c)) {
                    return true;
                }
            }
            if ((tag.equals("sup") && e.hasClass("reference")) || (tag.equals("a") && e.hasClass("headerlink"))) {
                return true;
            }
        }
        if (tag.equals("header") || id.equals("header")) {
            return e.selectFirst(HEADINGS) == null;
        }
        return false;
    }

    /** One pass in document order: content flags bottom-up, h1s, first headings of section elements. */
    private void survey(Element scope) {
        Deque<Element> sections = new ArrayDeque<>();
        Set<Element> sectionsWithHeading = Collections.newSetFromMap(new IdentityHashMap<>());
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (!(node instanceof Element e)) {
                    return FilterResult.CONTINUE;
                }
                if (e != scope && isBoilerplate(e)) {
                    skip.add(e);
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (isSectionElement(e)) {
                    sections.push(e);
                }
                int level = headingLevel(e);
                if (level > 0) {
                    if (level == 1) {
                        h1s.add(e);
                    }
                    Element sec = sections.peek();
                    if (sec != null && sectionsWithHeading.add(sec)) {
                        sectionOf.put(e, sec);
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (!sections.isEmpty() && sections.peek() == e) {
                        sections.pop();
                    }
                    int f = contents(e) | ownFlags(e);
                    Element parent = e.parent();
                    if (f != 0 && parent != null && e != scope) {
                        contents.merge(parent, f, (a, b) -> a | b);
                    }
                }
                return FilterResult.CONTINUE;
            }
        }, scope);
    }

    private static boolean isSectionElement(Element e) {
        String tag = e.normalName();
        return tag.equals("section") || (tag.equals("div") && e.hasClass("section"));
    }

    private static int ownFlags(Element e) {
        String tag = e.normalName();
        int f = BLOCK.contains(tag) ? HAS_BLOCK : 0;
        if (tag.equals("table")) {
            f |= HAS_TABLE;
        } else if (tag.equals("pre")) {
            f |= HAS_PRE;
        } else if (headingLevel(e) > 0) {
            f |= HAS_HEADING;
        }
        return f;
    }

    int contents(Element e) {
        Integer f = contents.get(e);
        return f == null ? 0 : f;
    }

    static int headingLevel(Element e) {
        String tag = e.normalName();
        if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
            return tag.charAt(1) - '0';
        }
        return 0;
    }

    boolean isBlockish(Element e) {
        return BLOCK.contains(e.normalName()) || (contents(e) & HAS_BLOCK) != 0;
    }

    /** Visible text of an element, whitespace collapsed, images as their alt text. */
    String plain(Element e) {
        StringBuilder b = new StringBuilder();
        plain(e, b);
        return collapse(b);
    }

    private void plain(Element e, StringBuilder b) {
        for (int i = 0, size = e.childNodeSize(); i < size; i++) {
            Node n = e.childNode(i);
            if (n instanceof TextNode t) {
                b.append(t.getWholeText());
            } else if (n instanceof Element c && !skip.contains(c)) {
                String tag = c.normalName();
                if (tag.equals("br")) {
                    b.append(' ');
                } else if (tag.equals("img")) {
                    b.append(c.attr("alt"));
                } else if (BLOCK.contains(tag)) {
                    b.append(' ');
                    plain(c, b);
                    b.append(' ');
                } else {
                    plain(c, b);
                }
            }
        }
    }

    static String collapse(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Inline.isSpace(c)) {
                space = true;
            } else {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(c);
            }
        }
        return b.toString();
    }
}
