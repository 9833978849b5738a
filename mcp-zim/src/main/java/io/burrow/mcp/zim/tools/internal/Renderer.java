package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.zim.internal.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * One rendering of a parsed page, the DOM walk behind {@link ArticleParser}: the blocks (paragraphs, headings,
 * lists, definition lists, quotes, code blocks) written here, with its parts by concern: {@link PageScope} (what is
 * rendered), {@link HeadingIds} (section ids), {@link TableRenderer} (tables), {@link InlineRenderer} (inline
 * content), {@link LinkTargets} (links) and {@link Sections} (section offsets). Not reusable.
 */
final class Renderer {

    private static final Evaluator SIGNATURE_NAME = QueryParser.parse(".sig-name, .descname");

    private final Document doc;
    private final PageScope page;
    private final LinkTargets targets;
    private final InlineRenderer inline;
    private final TableRenderer tables;
    private final HeadingIds ids;
    private final Sections sections = new Sections();
    private final MarkdownWriter out = new MarkdownWriter();

    private Element titleH1;

    private int listDepth;

    private int ddDepth;
    private final Checkpoint checkpoint;

    Renderer(Document doc, String entryPath, EntryResolver resolver, Function<String, String> uriForPath,
            Checkpoint checkpoint) {
        this.doc = doc;
        this.checkpoint = checkpoint;
        this.page = new PageScope(doc);
        this.targets = new LinkTargets(entryPath, resolver, uriForPath);
        this.inline = new InlineRenderer(page, targets);
        this.tables = new TableRenderer(page, this, inline, out);
        this.ids = new HeadingIds(page);
    }

    Article render() {
        List<Element> h1s = page.h1s();
        String title = "";
        if (!h1s.isEmpty()) {
            if (h1s.size() == 1) {
                titleH1 = h1s.get(0);
            }
            title = page.plain(h1s.get(0));
        }
        if (title.isEmpty()) {
            title = PageScope.collapse(doc.title());
        }
        blockChildren(page.root());
        String markdown = out.toString();
        return new Article(title, markdown, sections.sections(markdown), targets.links());
    }

    void blockChildren(Element parent) {
        Inline para = null;
        for (int i = 0, n = parent.childNodeSize(); i < n; i++) {
            para = blockNode(parent.childNode(i), para);
        }
        flush(para);
    }

    void blockNodes(List<Node> nodes) {
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
        } else if (n instanceof Element e && !page.skipped(e)) {
            if (page.isBlockish(e)) {
                flush(para);
                block(e);
                return null;
            }
            if (para == null) {
                para = new Inline();
            }
            inline.inline(e, para);
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
        checkpoint.step();
        if (e.hasClass("hatnote") || e.hasClass("dablink") || e.hasClass("rellink")) {
            quote(e);
            return;
        }
        String tag = e.normalName();
        switch (tag) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> heading(e, PageScope.headingLevel(e));
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
            case "table" -> tables.table(e);
            case "hr" -> {
                out.separate(2);
                out.line("---");
            }
            case "p" -> {
                if (e.hasClass("admonition-title")) {
                    boldParagraph(e);
                } else if ((page.contents(e) & PageScope.HAS_BLOCK) != 0) {
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
        inline.inlineChildren(e, in);
        flush(in);
    }

    void boldParagraph(Element e) {
        String md = inline.oneLine(e, true);
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
        String md = inline.oneLine(h, false);
        if (md.isEmpty()) {
            return;
        }
        String title = page.plain(h);
        if (title.isEmpty()) {
            out.paragraph(md);
            return;
        }
        HeadingIds.Choice id = ids.choose(h, title);
        int start = out.heading("#".repeat(level) + " " + escapeClosingHashes(md));
        sections.add(id.id(), title, level, start, out.length(), id.source());
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
            if (c instanceof Element e && page.skipped(e)) {
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
    static int parseInt(String s, int fallback) {
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
                if (page.skipped(e)) {
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
                } else if (page.isBlockish(e)) {
                    flush(stray);
                    stray = null;
                    block(e);
                    afterTerm[0] = false;
                } else {
                    if (stray == null) {
                        stray = new Inline();
                    }
                    inline.inline(e, stray);
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
            line = InlineRenderer.codeSpan(page.plain(dt));
        } else {
            line = inline.oneLine(dt, true);
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
        String fence = "`".repeat(Math.max(3, InlineRenderer.longestBacktickRun(text) + 1));
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
            } else if (n instanceof Element c && !page.skipped(c)) {
                if (c.normalName().equals("br")) {
                    b.append('\n');
                } else if (c.normalName().equals("img")) {
                    b.append(c.attr("alt"));
                } else {
                    boolean block = PageScope.isBlock(c.normalName());
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
}
