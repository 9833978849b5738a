package io.burrow.mcp.gemini.internal;

import io.burrow.mcp.gemini.GemtextDocument;
import io.burrow.mcp.gemini.GemtextDocument.Line;
import io.burrow.mcp.gemini.GemtextDocument.Link;
import io.burrow.mcp.gemini.GeminiUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Parses gemtext (gemini://geminiprotocol.net/docs/gemtext-specification.gmi) into typed lines.
 *
 * <p>Lines end with LF or CRLF; a final line end does not start an empty line. Outside preformatted
 * blocks the line type is decided by its first characters, in this order: {@code ```} toggles
 * preformatting (the rest of an opening toggle is the alt text), {@code =>} is a link (URL up to the first
 * whitespace, then an optional label; without a URL the line is text), {@code ###}, {@code ##}, {@code #}
 * are headings, {@code "* "} is a list item, {@code >} a quote, anything else text. Link URLs are
 * resolved against the page URL. A preformatted block becomes one line; an unterminated block runs to
 * the end of the page.
 */
public final class GemtextParser {

    private GemtextParser() {
    }

    /** Parses {@code text}, resolving links against {@code base}. */
    public static GemtextDocument parse(String text, GeminiUrl base) {
        return parse(text, base == null ? UnaryOperator.identity() : base::resolve);
    }

    /** Parses {@code text}, mapping every link URL with {@code resolver}. */
    public static GemtextDocument parse(String text, UnaryOperator<String> resolver) {
        return parse(text, resolver, false);
    }

    /**
     * Parses a window of a page, mapping every link URL with {@code resolver}.
     *
     * @param inPreformatted whether the window starts inside a preformatted block (see {@link #preformattedAt})
     */
    public static GemtextDocument parse(String text, UnaryOperator<String> resolver, boolean inPreformatted) {
        List<Line> lines = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        StringBuilder pre = inPreformatted ? new StringBuilder() : null;
        int preLines = 0;
        String alt = null;
        int start = 0;
        int n = text.length();
        while (start < n) {
            int lf = text.indexOf('\n', start);
            int end = lf < 0 ? n : lf;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = lf < 0 ? n : lf + 1;
            if (line.startsWith("```")) {
                if (pre == null) {
                    pre = new StringBuilder();
                    preLines = 0;
                    String a = line.substring(3).strip();
                    alt = a.isEmpty() ? null : a;
                } else {
                    lines.add(new Line("preformat", pre.toString(), null, alt));
                    pre = null;
                    alt = null;
                }
                continue;
            }
            if (pre != null) {
                if (preLines++ > 0) {
                    pre.append('\n');
                }
                pre.append(line);
                continue;
            }
            lines.add(classify(stripTrailing(line), resolver, links));
        }
        if (pre != null) {
            lines.add(new Line("preformat", pre.toString(), null, alt));
        }
        return new GemtextDocument(lines, links);
    }

    /** Whether position {@code at} (a line start) of a page is inside a preformatted block. */
    public static boolean preformattedAt(String text, int at) {
        boolean pre = false;
        int start = 0;
        while (start < at) {
            if (text.startsWith("```", start)) {
                pre = !pre;
            }
            int lf = text.indexOf('\n', start);
            if (lf < 0) {
                break;
            }
            start = lf + 1;
        }
        return pre;
    }

    private static Line classify(String line, UnaryOperator<String> resolver, List<Link> links) {
        if (line.startsWith("=>")) {
            String rest = line.substring(2).strip();
            if (!rest.isEmpty()) {
                int ws = 0;
                while (ws < rest.length() && !Character.isWhitespace(rest.charAt(ws))) {
                    ws++;
                }
                String raw = rest.substring(0, ws);
                String label = rest.substring(ws).strip();
                String url;
                try {
                    url = resolver.apply(raw);
                } catch (RuntimeException e) {
                    url = raw;
                }
                String l = label.isEmpty() ? null : label;
                links.add(new Link(url, l));
                return new Line("link", l, url, null);
            }
            return Line.of("text", line);
        }
        if (line.startsWith("###")) {
            return Line.of("heading3", line.substring(3).strip());
        }
        if (line.startsWith("##")) {
            return Line.of("heading2", line.substring(2).strip());
        }
        if (line.startsWith("#")) {
            return Line.of("heading1", line.substring(1).strip());
        }
        if (line.startsWith("* ")) {
            return Line.of("list", line.substring(2).strip());
        }
        if (line.startsWith(">")) {
            return Line.of("quote", line.substring(1).strip());
        }
        return Line.of("text", line);
    }

    private static String stripTrailing(String s) {
        return s.stripTrailing();
    }
}
