package io.burrow.mcp.zim.tools.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/** One rendering of a parsed page: the DOM walk behind {@link ArticleParser}. Not reusable. */
final class Renderer {

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
    private static final Evaluator SIGNATURE_NAME = QueryParser.parse(".sig-name, .descname");

    private static final Pattern DISPLAY_NONE = Pattern.compile("(?i)display\\s*:\\s*none");

    private static final Set<String> BLOCK = Set.of("address", "article", "aside", "blockquote", "body", "caption",
            "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
            "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
            "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
            "tr", "ul");

    /**
     * A table with a cell of this many blocks or characters or more is a layout table (or too big for a line per
     * row): its cells are rendered as content.
     */
    private static final int LAYOUT_CELL_BLOCKS = 3;
    private static final int LAYOUT_CELL_CHARS = 600;

    private static final int HAS_BLOCK = 1;
    private static final int HAS_TABLE = 2;
    private static final int HAS_HEADING = 4;
    private static final int HAS_PRE = 8;

    private final String entryPath;
    private final EntryResolver resolver;
    private final Function<String, String> uriForPath;

    private final Map<String, Optional<EntryResolver.Target>> lookups = new HashMap<>();
    private final Map<String, Ref> refs = new HashMap<>();
    private final Set<Element> skip = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Per element: what its descendants hold (HAS_* bits); absent is 0. */
    private final Map<Element, Integer> contents = new IdentityHashMap<>();
    /** Headings that are the first heading of their nearest section element → that element. */
    private final Map<Element, Element> sectionOf = new IdentityHashMap<>();
    private final List<Element> h1s = new ArrayList<>();

    private final MarkdownWriter out = new MarkdownWriter();
    private final List<Link> links = new ArrayList<>();
    private final List<Heading> headings = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Map<String, Integer> nextSuffix = new HashMap<>();

    private Element titleH1;
    private int listDepth;
    private int ddDepth;
    private int linkDepth;
    private int emDepth;
    private int strongDepth;
    /** Above zero, blocks inside inline content are flattened (headings, table cells). */
    private int flat;

    private record Heading(String id, String title, int level, int start, int bodyStart, String idSource) {
    }

    /** What an href or src points at. */
    private record Ref(Hrefs.Type type, EntryResolver.Target target) {
        boolean found() {
            return target != null;
        }
    }

    Renderer(String entryPath, EntryResolver resolver, Function<String, String> uriForPath) {
        this.entryPath = entryPath;
        this.resolver = resolver;
        this.uriForPath = uriForPath;
    }

    Article render(Document doc) {
        Element scope = scope(doc);
        survey(scope);
        String title = "";
        if (!h1s.isEmpty()) {
            if (h1s.size() == 1) {
                titleH1 = h1s.get(0);
            }
            title = plain(h1s.get(0));
        }
        if (title.isEmpty()) {
            title = collapse(doc.title());
        }
        blockChildren(scope);
        String markdown = out.toString();
        return new Article(title, markdown, sections(markdown), links);
    }

    // ---- preparation -------------------------------------------------------------------------------------------

    private static Element scope(Document doc) {
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

    private int contents(Element e) {
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

    private boolean isBlockish(Element e) {
        return BLOCK.contains(e.normalName()) || (contents(e) & HAS_BLOCK) != 0;
    }

    // ---- blocks ------------------------------------------------------------------------------------------------

    private void blockChildren(Element parent) {
        Inline para = null;
        for (int i = 0, n = parent.childNodeSize(); i < n; i++) {
            para = blockNode(parent.childNode(i), para);
        }
        flush(para);
    }

    private void blockNodes(List<Node> nodes) {
        Inline para = null;
        for (Node n : nodes) {
            para = blockNode(n, para);
        }
        flush(para);
    }

    /** Renders a node of block content; inline nodes gather in {@code para}, which a block flushes first. */
    private Inline blockNode(Node n, Inline para) {
        if (n instanceof TextNode t) {
            if (para == null) {
                if (t.isBlank()) {
                    return null;
                }
                para = new Inline();
            }
            para.text(t.getWholeText());
        } else if (n instanceof Element e && !skip.contains(e)) {
            if (isBlockish(e)) {
                flush(para);
                block(e);
                return null;
            }
            if (para == null) {
                para = new Inline();
            }
            inline(e, para);
        }
        return para;
    }

    private void flush(Inline para) {
        if (para != null) {
            String md = para.finish();
            if (!md.isEmpty()) {
                out.paragraph(md);
            }
        }
    }

    private void block(Element e) {
        if (e.hasClass("hatnote") || e.hasClass("dablink") || e.hasClass("rellink")) {
            quote(e);
            return;
        }
        String tag = e.normalName();
        switch (tag) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> heading(e, headingLevel(e));
            case "ul", "ol", "menu", "dir" -> list(e);
            case "li" -> {
                out.separate(listDepth > 0 ? 1 : 2);
                listItem(e, "- ");
            }
            case "dl" -> definitionList(e);
            case "dt" -> term(e, 2);
            case "dd" -> definition(e);
            case "pre" -> code(e);
            case "blockquote" -> quote(e);
            case "table" -> table(e);
            case "hr" -> {
                out.separate(2);
                out.line("---");
            }
            case "p" -> {
                if (e.hasClass("admonition-title")) {
                    boldParagraph(e);
                } else if ((contents(e) & HAS_BLOCK) != 0) {
                    blockChildren(e);
                } else {
                    paragraph(e);
                }
            }
            case "summary", "caption", "legend" -> boldParagraph(e);
            default -> {
                if (e.hasClass("admonition")) {
                    quote(e);
                } else {
                    blockChildren(e);
                }
            }
        }
    }

    private void paragraph(Element e) {
        Inline in = new Inline();
        inlineChildren(e, in);
        flush(in);
    }

    private void boldParagraph(Element e) {
        flat++;
        Inline in = new Inline();
        strong(e, in);
        flat--;
        String md = in.finishOneLine();
        if (!md.isEmpty()) {
            out.paragraph(md);
        }
    }

    private void heading(Element h, int level) {
        if (h == titleH1) {
            return;
        }
        if (!out.atTopLevel()) {
            boldParagraph(h);
            return;
        }
        flat++;
        Inline in = new Inline();
        inlineChildren(h, in);
        flat--;
        String md = in.finishOneLine();
        if (md.isEmpty()) {
            return;
        }
        String title = plain(h);
        if (title.isEmpty()) {
            out.paragraph(md);
            return;
        }
        String id;
        String source;
        Element sec = sectionOf.get(h);
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
        int start = out.heading("#".repeat(level) + " " + escapeClosingHashes(md));
        headings.add(new Heading(id, title, level, start, out.length(), source));
    }

    /** The first id (or {@code a name}) inside an element, outside skipped subtrees, in document order. */
    private String descendantAnchor(Element h) {
        for (int i = 0, size = h.childNodeSize(); i < size; i++) {
            if (h.childNode(i) instanceof Element d && !skip.contains(d)) {
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
        if (prev instanceof Element e && !skip.contains(e) && !e.hasText()) {
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

    /** {@code ## C #} would lose its last {@code #} as a closing sequence. */
    private static String escapeClosingHashes(String md) {
        int i = md.length();
        while (i > 0 && md.charAt(i - 1) == '#') {
            i--;
        }
        if (i < md.length() && (i == 0 || md.charAt(i - 1) == ' ')) {
            return md.substring(0, i) + "\\" + md.substring(i);
        }
        return md;
    }

    private void list(Element list) {
        boolean ordered = list.normalName().equals("ol");
        int n = 1;
        if (ordered && list.hasAttr("start")) {
            n = parseInt(list.attr("start"), 1);
        }
        out.separate(listDepth > 0 ? 1 : 2);
        listDepth++;
        List<Node> stray = new ArrayList<>();
        for (int i = 0, size = list.childNodeSize(); i < size; i++) {
            Node c = list.childNode(i);
            if (c instanceof Element e && skip.contains(e)) {
                continue;
            }
            if (c instanceof Element e && e.normalName().equals("li")) {
                strayItem(stray, ordered);
                if (ordered && e.hasAttr("value")) {
                    n = parseInt(e.attr("value"), n);
                }
                out.separate(1);
                listItem(e, ordered ? n++ + ". " : "- ");
            } else if (c instanceof Element e && (e.normalName().equals("ul") || e.normalName().equals("ol"))) {
                // a list directly inside a list: nested under the previous item
                strayItem(stray, ordered);
                out.push("  ", null);
                list(e);
                out.pop();
            } else if (c instanceof Element || (c instanceof TextNode t && !t.isBlank())) {
                stray.add(c);
            }
        }
        strayItem(stray, ordered);
        listDepth--;
    }

    private void strayItem(List<Node> stray, boolean ordered) {
        if (!stray.isEmpty()) {
            out.separate(1);
            out.push("   ".substring(0, ordered ? 3 : 2), ordered ? "1. " : "- ");
            blockNodes(stray);
            out.pop();
            stray.clear();
        }
    }

    private void listItem(Element li, String marker) {
        out.push(" ".repeat(marker.length()), marker);
        blockChildren(li);
        out.pop();
    }

    /** A small non-negative decimal attribute value, or the fallback (no exception on junk: it is common). */
    private static int parseInt(String s, int fallback) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 9) {
            return fallback;
        }
        int v = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return fallback;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private void definitionList(Element dl) {
        boolean nested = ddDepth > 0;
        if (nested) {
            out.push("  ", null);
        }
        out.separate(2);
        definitionItems(dl, new boolean[1]);
        if (nested) {
            out.pop();
        }
    }

    private void definitionItems(Element parent, boolean[] afterTerm) {
        Inline stray = null;
        for (int i = 0, size = parent.childNodeSize(); i < size; i++) {
            Node n = parent.childNode(i);
            if (n instanceof Element e) {
                if (skip.contains(e)) {
                    continue;
                }
                String tag = e.normalName();
                if (tag.equals("dt")) {
                    flush(stray);
                    stray = null;
                    term(e, afterTerm[0] ? 1 : 2);
                    afterTerm[0] = true;
                } else if (tag.equals("dd")) {
                    flush(stray);
                    stray = null;
                    definition(e);
                    afterTerm[0] = false;
                } else if (tag.equals("div") && !e.hasClass("admonition")) {
                    flush(stray);
                    stray = null;
                    definitionItems(e, afterTerm);
                } else if (isBlockish(e)) {
                    flush(stray);
                    stray = null;
                    block(e);
                    afterTerm[0] = false;
                } else {
                    if (stray == null) {
                        stray = new Inline();
                    }
                    inline(e, stray);
                }
            } else if (n instanceof TextNode t && !t.isBlank()) {
                if (stray == null) {
                    stray = new Inline();
                }
                stray.text(t.getWholeText());
            }
        }
        flush(stray);
    }

    /** A term on its own line: a signature (Sphinx API docs) as code, anything else in bold. */
    private void term(Element dt, int separation) {
        String line;
        if (dt.hasClass("sig") || dt.selectFirst(SIGNATURE_NAME) != null) {
            line = codeSpan(plain(dt));
        } else {
            flat++;
            Inline in = new Inline();
            strong(dt, in);
            flat--;
            line = in.finishOneLine();
        }
        if (!line.isEmpty()) {
            out.separate(separation);
            out.line(line);
        }
    }

    private void definition(Element dd) {
        ddDepth++;
        out.separate(2);
        blockChildren(dd);
        ddDepth--;
    }

    private void quote(Element e) {
        out.separate(2);
        out.push("> ", null);
        blockChildren(e);
        out.pop();
    }

    private void code(Element pre) {
        StringBuilder b = new StringBuilder();
        preText(pre, b);
        String text = b.toString().replace("\r\n", "\n").replace('\r', '\n');
        int from = 0;
        while (from < text.length() && text.charAt(from) == '\n') {
            from++;
        }
        text = text.substring(from).stripTrailing();
        if (text.isBlank()) {
            return;
        }
        String fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
        out.separate(2);
        out.line(fence + language(pre));
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            out.line(nl < 0 ? text.substring(start) : text.substring(start, nl));
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        out.line(fence);
    }

    private void preText(Element e, StringBuilder b) {
        for (int i = 0, size = e.childNodeSize(); i < size; i++) {
            Node n = e.childNode(i);
            if (n instanceof TextNode t) {
                b.append(t.getWholeText());
            } else if (n instanceof Element c && !skip.contains(c)) {
                if (c.normalName().equals("br")) {
                    b.append('\n');
                } else if (c.normalName().equals("img")) {
                    b.append(c.attr("alt"));
                } else {
                    boolean block = BLOCK.contains(c.normalName());
                    if (block && b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
                        b.append('\n');
                    }
                    preText(c, b);
                    if (block && b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
                        b.append('\n');
                    }
                }
            }
        }
    }

    /** A code block's language from a class such as {@code highlight-python3} or {@code language-js}. */
    static String language(Element pre) {
        Element e = pre;
        List<Element> candidates = new ArrayList<>(4);
        candidates.add(pre);
        Element code = pre.firstElementChild();
        if (code != null && code.normalName().equals("code")) {
            candidates.add(code);
        }
        for (int i = 0; i < 2 && e.parent() != null; i++) {
            e = e.parent();
            candidates.add(e);
        }
        for (Element c : candidates) {
            for (String cls : c.classNames()) {
                String lang = null;
                if (cls.startsWith("highlight-")) {
                    lang = cls.substring(10);
                } else if (cls.startsWith("language-")) {
                    lang = cls.substring(9);
                } else if (cls.startsWith("lang-")) {
                    lang = cls.substring(5);
                }
                if (lang != null) {
                    return normalizeLanguage(lang);
                }
            }
        }
        return "";
    }

    private static String normalizeLanguage(String lang) {
        String l = lang.toLowerCase(Locale.ROOT);
        if (!l.matches("[a-z0-9_+#.-]{1,30}")) {
            return "";
        }
        return switch (l) {
            case "default", "none", "text", "plain", "plaintext", "nohighlight", "guess" -> "";
            case "python3", "py3" -> "python";
            case "pycon3" -> "pycon";
            case "ipython3" -> "ipython";
            default -> l;
        };
    }

    // ---- tables ------------------------------------------------------------------------------------------------

    private void table(Element table) {
        List<Element> rows = new ArrayList<>();
        List<Element> captions = new ArrayList<>(1);
        // what jsoup left inside the table's structure but outside any cell (at its depth limit, for one)
        List<Node> stray = new ArrayList<>();
        for (int i = 0, size = table.childNodeSize(); i < size; i++) {
            Node n = table.childNode(i);
            if (!(n instanceof Element c)) {
                keepStray(n, stray);
                continue;
            }
            switch (c.normalName()) {
                case "caption" -> captions.add(c);
                case "tr" -> rows.add(c);
                case "thead", "tbody", "tfoot" -> {
                    for (int k = 0, rs = c.childNodeSize(); k < rs; k++) {
                        Node r = c.childNode(k);
                        if (r instanceof Element re && re.normalName().equals("tr")) {
                            rows.add(re);
                        } else {
                            keepStray(r, stray);
                        }
                    }
                }
                case "colgroup", "col" -> {
                }
                default -> keepStray(c, stray);
            }
        }
        rows.removeIf(skip::contains);
        List<List<Element>> cells = new ArrayList<>(rows.size());
        int width = 0;
        boolean spans = false;
        boolean bigCells = false;
        for (Element r : rows) {
            List<Element> rc = new ArrayList<>();
            for (int k = 0, size = r.childNodeSize(); k < size; k++) {
                Node n = r.childNode(k);
                String tag = n.normalName();
                if (n instanceof Element c && (tag.equals("td") || tag.equals("th"))) {
                    if (skip.contains(c)) {
                        continue;
                    }
                    rc.add(c);
                    spans |= parseInt(c.attr("colspan"), 1) > 1 || parseInt(c.attr("rowspan"), 1) > 1;
                    bigCells = bigCells || blockChildCount(c) >= LAYOUT_CELL_BLOCKS
                            || textLength(c, LAYOUT_CELL_CHARS) >= LAYOUT_CELL_CHARS;
                } else {
                    keepStray(n, stray);
                }
            }
            cells.add(rc);
            width = Math.max(width, rc.size());
        }
        for (Element caption : captions) {
            if (!skip.contains(caption)) {
                boldParagraph(caption);
            }
        }
        if (width == 1 || bigCells || (contents(table) & (HAS_HEADING | HAS_PRE)) != 0) {
            // a layout table: its cells are containers
            for (List<Element> rc : cells) {
                for (Element c : rc) {
                    blockChildren(c);
                }
            }
        } else if (width > 0 && (spans || (contents(table) & HAS_TABLE) != 0)) {
            rowList(cells);
        } else if (width > 0) {
            pipeTable(rows, cells, width);
        }
        blockNodes(stray);
    }

    private void keepStray(Node n, List<Node> stray) {
        if (n instanceof TextNode t ? !t.isBlank() : n instanceof Element e && !skip.contains(e)) {
            stray.add(n);
        }
    }

    private int blockChildCount(Element cell) {
        int n = 0;
        for (int i = 0, size = cell.childNodeSize(); i < size; i++) {
            if (cell.childNode(i) instanceof Element e && !skip.contains(e) && isBlockish(e)) {
                n++;
            }
        }
        return n;
    }

    /** The length of an element's text, counted up to {@code limit}. */
    private int textLength(Element e, int limit) {
        int n = 0;
        for (int i = 0, size = e.childNodeSize(); i < size && n < limit; i++) {
            Node c = e.childNode(i);
            if (c instanceof TextNode t) {
                n += t.getWholeText().length();
            } else if (c instanceof Element el && !skip.contains(el)) {
                n += textLength(el, limit - n);
            }
        }
        return n;
    }

    private void pipeTable(List<Element> rows, List<List<Element>> cells, int width) {
        Element first = rows.get(0);
        boolean header = first.parent() != null && first.parent().normalName().equals("thead");
        if (!header) {
            header = true;
            for (Element c : cells.get(0)) {
                header &= c.normalName().equals("th");
            }
            header &= !cells.get(0).isEmpty();
        }
        out.separate(2);
        StringBuilder line = new StringBuilder();
        List<String> head = new ArrayList<>();
        if (header) {
            for (Element c : cells.get(0)) {
                head.add(cell(c, false));
            }
        }
        out.line(row(line, head, width));
        line.setLength(0);
        line.append('|');
        for (int i = 0; i < width; i++) {
            line.append(" --- |");
        }
        out.line(line.toString());
        for (int r = header ? 1 : 0; r < cells.size(); r++) {
            List<String> texts = new ArrayList<>();
            for (Element c : cells.get(r)) {
                texts.add(cell(c, c.normalName().equals("th")));
            }
            out.line(row(line, texts, width));
        }
    }

    private static String row(StringBuilder line, List<String> texts, int width) {
        line.setLength(0);
        line.append('|');
        for (int i = 0; i < width; i++) {
            String t = i < texts.size() ? texts.get(i) : "";
            line.append(' ').append(t).append(t.isEmpty() ? "|" : " |");
        }
        return line.toString();
    }

    private void rowList(List<List<Element>> cells) {
        out.separate(2);
        for (List<Element> rc : cells) {
            List<String> texts = new ArrayList<>();
            List<Boolean> th = new ArrayList<>();
            for (Element c : rc) {
                boolean isTh = c.normalName().equals("th");
                String t = cell(c, isTh);
                if (!t.isEmpty()) {
                    texts.add(t);
                    th.add(isTh);
                }
            }
            if (texts.isEmpty()) {
                continue;
            }
            String text;
            if (texts.size() == 2 && th.get(0) && !th.get(1)) {
                text = texts.get(0) + ": " + texts.get(1);
            } else {
                text = String.join(" | ", texts);
            }
            out.separate(1);
            out.push("  ", "- ");
            out.paragraph(text);
            out.pop();
        }
    }

    /** A cell on one line, pipes escaped; header cells of body rows in bold. */
    private String cell(Element c, boolean bold) {
        flat++;
        Inline in = new Inline();
        if (bold) {
            strong(c, in);
        } else {
            inlineChildren(c, in);
        }
        flat--;
        return in.finishOneLine().replace("|", "\\|");
    }

    // ---- inline ------------------------------------------------------------------------------------------------

    private void inlineChildren(Element e, Inline in) {
        for (int i = 0, size = e.childNodeSize(); i < size; i++) {
            Node n = e.childNode(i);
            if (n instanceof TextNode t) {
                in.text(t.getWholeText());
            } else if (n instanceof Element c && !skip.contains(c)) {
                inline(c, in);
            }
        }
    }

    private void inline(Element e, Inline in) {
        String tag = e.normalName();
        switch (tag) {
            case "br" -> {
                if (flat > 0) {
                    in.space();
                } else {
                    in.lineBreak();
                }
            }
            case "wbr" -> {
            }
            case "img" -> image(e, in);
            case "a" -> link(e, in, false);
            case "em", "i", "cite", "dfn", "var" -> {
                if (emDepth > 0) {
                    inlineChildren(e, in);
                } else {
                    emDepth++;
                    in.open("*");
                    inlineChildren(e, in);
                    in.close("*");
                    emDepth--;
                }
            }
            case "strong", "b" -> strong(e, in);
            case "s", "del", "strike" -> {
                in.open("~~");
                inlineChildren(e, in);
                in.close("~~");
            }
            case "code", "tt", "kbd", "samp" -> inlineCode(e, in);
            case "sup", "sub" -> {
                in.open("<" + tag + ">");
                inlineChildren(e, in);
                in.close("</" + tag + ">");
            }
            case "q" -> {
                in.open("“");
                inlineChildren(e, in);
                in.close("”");
            }
            case "math" -> math(e, in);
            case "video", "audio" -> media(e, in);
            case "source" -> mediaLink(e.attr("src"), tag, in);
            case "pre" -> {
                in.space();
                in.literal(codeSpan(plain(e)));
                in.space();
            }
            default -> {
                if (BLOCK.contains(tag)) {
                    // a block inside inline content (a heading, a table cell): kept on the line
                    in.space();
                    if (tag.equals("li")) {
                        in.literal("•");
                        in.space();
                    }
                    inlineChildren(e, in);
                    in.space();
                } else {
                    inlineChildren(e, in);
                }
            }
        }
    }

    private void strong(Element e, Inline in) {
        if (strongDepth > 0) {
            inlineChildren(e, in);
            return;
        }
        strongDepth++;
        in.open("**");
        inlineChildren(e, in);
        in.close("**");
        strongDepth--;
    }

    private void inlineCode(Element code, Inline in) {
        // <code><a href>name</a></code>: a link around the code
        Element only = null;
        boolean other = false;
        for (int i = 0, size = code.childNodeSize(); i < size; i++) {
            Node n = code.childNode(i);
            if (n instanceof Element c && !skip.contains(c)) {
                if (only != null || !c.normalName().equals("a") || !c.hasAttr("href")) {
                    other = true;
                }
                only = c;
            } else if (n instanceof TextNode t && !t.isBlank()) {
                other = true;
            }
        }
        if (only != null && !other) {
            link(only, in, true);
        } else {
            in.literal(codeSpan(plain(code)));
        }
    }

    /** The longest run of backticks in {@code text}: a code fence or span must be longer. */
    private static int longestBacktickRun(String text) {
        int run = 0;
        int longest = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    static String codeSpan(String text) {
        if (text.isEmpty()) {
            return "";
        }
        String fence = "`".repeat(longestBacktickRun(text) + 1);
        boolean pad = text.charAt(0) == '`' || text.charAt(text.length() - 1) == '`';
        return pad ? fence + " " + text + " " + fence : fence + text + fence;
    }

    private void math(Element m, Inline in) {
        String tex = null;
        for (Element a : m.getElementsByTag("annotation")) {
            if (a.attr("encoding").equalsIgnoreCase("application/x-tex")) {
                tex = collapse(a.wholeText());
                break;
            }
        }
        if (tex == null || tex.isEmpty()) {
            tex = collapse(m.attr("alttext"));
        }
        if (tex.isEmpty()) {
            tex = plain(m);
        }
        if (!tex.isEmpty()) {
            in.literal("$" + tex + "$");
        }
    }

    private void link(Element a, Inline in, boolean asCode) {
        if (!a.hasAttr("href")) {
            linkContent(a, in, asCode);
            return;
        }
        String raw = a.attr("href");
        String href = Hrefs.clean(raw);
        Ref ref = ref(href);
        if (ref.type() == Hrefs.Type.PLAIN) {
            linkContent(a, in, asCode);
            return;
        }
        String dest = null;
        Link.Kind kind;
        if (ref.found()) {
            kind = isMedia(ref.target().mimeType()) ? Link.Kind.MEDIA : Link.Kind.INTERNAL;
            dest = uriForPath.apply(ref.target().path());
            links.add(new Link(raw, plain(a), kind, ref.target().path(), ref.target().mimeType()));
        } else if (ref.type() == Hrefs.Type.EXTERNAL || ref.type() == Hrefs.Type.OTHER_SCHEME) {
            dest = href;
            links.add(new Link(raw, plain(a), Link.Kind.EXTERNAL, null, null));
        } else {
            links.add(new Link(raw, plain(a), Link.Kind.INTERNAL, null, null));
        }
        if (dest == null || linkDepth > 0) {
            linkContent(a, in, asCode);
            return;
        }
        linkDepth++;
        in.open("[");
        linkContent(a, in, asCode);
        in.close("](" + destination(dest) + ")");
        linkDepth--;
    }

    private void linkContent(Element a, Inline in, boolean asCode) {
        if (asCode) {
            in.literal(codeSpan(plain(a)));
        } else {
            inlineChildren(a, in);
        }
    }

    private void image(Element img, Inline in) {
        String raw = img.attr("src");
        if ((raw.isBlank() || raw.startsWith("data:")) && !img.attr("data-src").isBlank()) {
            raw = img.attr("data-src"); // lazy loading: a placeholder in src, the image in data-src
        }
        String alt = collapse(img.attr("alt"));
        String src = Hrefs.clean(raw);
        Ref ref = ref(src);
        String dest = null;
        if (ref.found()) {
            links.add(new Link(raw, alt, Link.Kind.MEDIA, ref.target().path(), ref.target().mimeType()));
            dest = uriForPath.apply(ref.target().path());
        } else if (ref.type() != Hrefs.Type.PLAIN) {
            links.add(new Link(raw, alt, Link.Kind.MEDIA, null, null));
            if (ref.type() != Hrefs.Type.RELATIVE) {
                dest = src;
            }
        }
        if (dest == null) {
            in.text(alt);
        } else {
            in.literal("![" + escapeLabel(alt) + "](" + destination(dest) + ")");
        }
    }

    private void media(Element e, Inline in) {
        String tag = e.normalName();
        if (e.hasAttr("src")) {
            mediaLink(e.attr("src"), tag, in);
        }
        for (Element c : e.children()) {
            if (c.normalName().equals("source") && !skip.contains(c)) {
                mediaLink(c.attr("src"), tag, in);
            }
        }
    }

    private void mediaLink(String raw, String tag, Inline in) {
        String src = Hrefs.clean(raw);
        if (src.isEmpty()) {
            return;
        }
        Ref ref = ref(src);
        if (ref.type() == Hrefs.Type.PLAIN) {
            return;
        }
        String label = tag.equals("source") ? "media" : tag;
        String dest = null;
        if (ref.found()) {
            links.add(new Link(raw, label, Link.Kind.MEDIA, ref.target().path(), ref.target().mimeType()));
            dest = uriForPath.apply(ref.target().path());
            label += ": " + lastSegment(ref.target().path());
        } else {
            links.add(new Link(raw, label, Link.Kind.MEDIA, null, null));
            if (ref.type() != Hrefs.Type.RELATIVE) {
                dest = src;
                label += ": " + lastSegment(src);
            }
        }
        if (dest != null) {
            in.space();
            in.literal("[" + escapeLabel(label) + "](" + destination(dest) + ")");
            in.space();
        }
    }

    private static String lastSegment(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static boolean isMedia(String mime) {
        return mime != null && (mime.startsWith("image/") || mime.startsWith("audio/") || mime.startsWith("video/"));
    }

    private Ref ref(String href) {
        Ref r = refs.get(href);
        if (r == null) {
            r = lookup(href);
            refs.put(href, r);
        }
        return r;
    }

    private Ref lookup(String href) {
        Hrefs.Type type = Hrefs.type(href);
        if (type == Hrefs.Type.PLAIN || type == Hrefs.Type.EXTERNAL) {
            return new Ref(type, null);
        }
        for (String path : Hrefs.candidates(entryPath, href)) {
            Optional<EntryResolver.Target> t = lookups.computeIfAbsent(path, this::resolve);
            if (t.isPresent()) {
                return new Ref(type, t.get());
            }
        }
        return new Ref(type, null);
    }

    private Optional<EntryResolver.Target> resolve(String path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Optional<EntryResolver.Target> t = resolver.resolve(path);
        return t == null ? Optional.empty() : t;
    }

    /** A link destination: as is, or in angle brackets when it holds spaces or unbalanced parentheses. */
    static String destination(String url) {
        int depth = 0;
        boolean plain = !url.isEmpty();
        for (int i = 0; i < url.length() && plain; i++) {
            char c = url.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                plain = --depth >= 0;
            } else if (c <= ' ' || c == '<' || c == '>' || c == '\\' && i + 1 == url.length()) {
                plain = false;
            }
        }
        if (plain && depth == 0) {
            return url;
        }
        StringBuilder b = new StringBuilder(url.length() + 2).append('<');
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case '<' -> b.append("%3C");
                case '>' -> b.append("%3E");
                case '\n', '\r' -> b.append("%0A");
                default -> b.append(c);
            }
        }
        return b.append('>').toString();
    }

    private static String escapeLabel(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == ']' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    // ---- text --------------------------------------------------------------------------------------------------

    /** Visible text of an element, whitespace collapsed, images as their alt text. */
    private String plain(Element e) {
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

    // ---- sections ----------------------------------------------------------------------------------------------

    private List<Section> sections(String md) {
        int n = headings.size();
        int[] ends = new int[n];
        Deque<Integer> open = new ArrayDeque<>();
        String[] parents = new String[n];
        for (int i = 0; i < n; i++) {
            Heading h = headings.get(i);
            while (!open.isEmpty() && headings.get(open.peek()).level() >= h.level()) {
                ends[open.pop()] = h.start();
            }
            parents[i] = open.isEmpty() ? null : headings.get(open.peek()).id();
            open.push(i);
        }
        while (!open.isEmpty()) {
            ends[open.pop()] = md.length();
        }
        List<Section> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Heading h = headings.get(i);
            int ownEnd = i + 1 < n ? headings.get(i + 1).start() : md.length();
            result.add(new Section(h.id(), h.title(), h.level(), parents[i], h.start(), h.bodyStart(), ownEnd,
                    ends[i], words(md, h.bodyStart(), ownEnd), trimmedLength(md, h.bodyStart(), ownEnd),
                    h.idSource()));
        }
        return result;
    }

    /** Whitespace-separated runs holding a letter or a digit. */
    static int words(String s, int from, int to) {
        int count = 0;
        boolean inRun = false;
        boolean counted = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                inRun = false;
            } else {
                if (!inRun) {
                    inRun = true;
                    counted = false;
                }
                if (!counted && Character.isLetterOrDigit(c)) {
                    count++;
                    counted = true;
                }
            }
        }
        return count;
    }

    private static int trimmedLength(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to - from;
    }
}
