package io.burrow.mcp.zim.tools.internal;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Inline content as Markdown (into an {@link Inline}): emphasis, code spans, links, images, media, math, and
 * blocks met inside inline content kept on the line. {@link #oneLine} renders an element on one line (a heading, a
 * term, a table cell, a bold paragraph).
 */
final class InlineRenderer {

    private final PageScope page;
    private final LinkTargets targets;
    private int linkDepth;

    private int emDepth;

    private int strongDepth;

    /** Above zero, blocks inside inline content are flattened (headings, table cells). */
    private int flat;

    InlineRenderer(PageScope page, LinkTargets targets) {
        this.page = page;
        this.targets = targets;
    }

    /** {@code e}'s content on one line (blocks inside flattened, hard breaks as spaces), in bold if asked. */
    String oneLine(Element e, boolean bold) {
        flat++;
        Inline in = new Inline();
        if (bold) {
            strong(e, in);
        } else {
            inlineChildren(e, in);
        }
        flat--;
        return in.finishOneLine();
    }

    void inlineChildren(Element e, Inline in) {
        for (int i = 0, size = e.childNodeSize(); i < size; i++) {
            Node n = e.childNode(i);
            if (n instanceof TextNode t) {
                in.text(t.getWholeText());
            } else if (n instanceof Element c && !page.skipped(c)) {
                inline(c, in);
            }
        }
    }

    void inline(Element e, Inline in) {
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
                in.literal(codeSpan(page.plain(e)));
                in.space();
            }
            default -> {
                if (PageScope.isBlock(tag)) {
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

    void strong(Element e, Inline in) {
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
            if (n instanceof Element c && !page.skipped(c)) {
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
            in.literal(codeSpan(page.plain(code)));
        }
    }

    /** The longest run of backticks in {@code text}: a code fence or span must be longer. */
    static int longestBacktickRun(String text) {
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
                tex = PageScope.collapse(a.wholeText());
                break;
            }
        }
        if (tex == null || tex.isEmpty()) {
            tex = PageScope.collapse(m.attr("alttext"));
        }
        if (tex.isEmpty()) {
            tex = page.plain(m);
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
        LinkTargets.Ref ref = targets.ref(href);
        if (ref.type() == Hrefs.Type.PLAIN) {
            linkContent(a, in, asCode);
            return;
        }
        String dest = null;
        Link.Kind kind;
        if (ref.found()) {
            kind = LinkTargets.isMedia(ref.target().mimeType()) ? Link.Kind.MEDIA : Link.Kind.INTERNAL;
            dest = targets.uri(ref.target());
            targets.add(new Link(raw, page.plain(a), kind, ref.target().path(), ref.target().mimeType()));
        } else if (ref.type() == Hrefs.Type.EXTERNAL || ref.type() == Hrefs.Type.OTHER_SCHEME) {
            dest = href;
            targets.add(new Link(raw, page.plain(a), Link.Kind.EXTERNAL, null, null));
        } else {
            targets.add(new Link(raw, page.plain(a), Link.Kind.INTERNAL, null, null));
        }
        if (dest == null || linkDepth > 0) {
            linkContent(a, in, asCode);
            return;
        }
        linkDepth++;
        in.open("[");
        linkContent(a, in, asCode);
        in.close("](" + LinkTargets.destination(dest) + ")");
        linkDepth--;
    }

    private void linkContent(Element a, Inline in, boolean asCode) {
        if (asCode) {
            in.literal(codeSpan(page.plain(a)));
        } else {
            inlineChildren(a, in);
        }
    }

    private void image(Element img, Inline in) {
        String raw = img.attr("src");
        if ((raw.isBlank() || raw.startsWith("data:")) && !img.attr("data-src").isBlank()) {
            raw = img.attr("data-src"); // lazy loading: a placeholder in src, the image in data-src
        }
        String alt = PageScope.collapse(img.attr("alt"));
        String src = Hrefs.clean(raw);
        LinkTargets.Ref ref = targets.ref(src);
        String dest = null;
        if (ref.found()) {
            targets.add(new Link(raw, alt, Link.Kind.MEDIA, ref.target().path(), ref.target().mimeType()));
            dest = targets.uri(ref.target());
        } else if (ref.type() != Hrefs.Type.PLAIN) {
            targets.add(new Link(raw, alt, Link.Kind.MEDIA, null, null));
            if (ref.type() != Hrefs.Type.RELATIVE) {
                dest = src;
            }
        }
        if (dest == null) {
            in.text(alt);
        } else {
            in.literal("![" + LinkTargets.escapeLabel(alt) + "](" + LinkTargets.destination(dest) + ")");
        }
    }

    private void media(Element e, Inline in) {
        String tag = e.normalName();
        if (e.hasAttr("src")) {
            mediaLink(e.attr("src"), tag, in);
        }
        for (Element c : e.children()) {
            if (c.normalName().equals("source") && !page.skipped(c)) {
                mediaLink(c.attr("src"), tag, in);
            }
        }
    }

    private void mediaLink(String raw, String tag, Inline in) {
        String src = Hrefs.clean(raw);
        if (src.isEmpty()) {
            return;
        }
        LinkTargets.Ref ref = targets.ref(src);
        if (ref.type() == Hrefs.Type.PLAIN) {
            return;
        }
        String label = tag.equals("source") ? "media" : tag;
        String dest = null;
        if (ref.found()) {
            targets.add(new Link(raw, label, Link.Kind.MEDIA, ref.target().path(), ref.target().mimeType()));
            dest = targets.uri(ref.target());
            label += ": " + LinkTargets.lastSegment(ref.target().path());
        } else {
            targets.add(new Link(raw, label, Link.Kind.MEDIA, null, null));
            if (ref.type() != Hrefs.Type.RELATIVE) {
                dest = src;
                label += ": " + LinkTargets.lastSegment(src);
            }
        }
        if (dest != null) {
            in.space();
            in.literal("[" + LinkTargets.escapeLabel(label) + "](" + LinkTargets.destination(dest) + ")");
            in.space();
        }
    }
}
