package io.burrow.mcp.zim.search.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Entities;

/**
 * The visible text of an HTML page in one pass over its UTF-8 bytes, without building a DOM or decoding the page:
 * what a snippet is cut from. Markup is ASCII, so the bytes of the text between tags are copied as they are and only
 * the text is decoded, once, at the end. Left out: the head, comments, {@code script}, {@code style}, {@code noscript}, {@code template} and
 * {@code title} content, and the page furniture ({@code nav}, {@code header}, {@code footer}, elements with
 * {@code role="navigation"} or one of the classes of navigation boxes, sidebars, footers and edit or permalink
 * marks of MediaWiki and Sphinx pages). Character references are decoded; whitespace runs become one space, and
 * every tag other than an inline one ({@code a}, {@code b}, {@code span}…) separates words.
 *
 * <p>Furniture is skipped by counting the nesting of its tag name; should a page leave such an element unclosed,
 * so that nothing would be left, the text is extracted again with the furniture kept.
 */
public final class HtmlText {

    /** Elements whose content is not text (read up to their end tag). */
    private static final Set<String> RAW = Set.of("script", "style", "noscript", "template", "title", "textarea",
            "xmp", "iframe", "noembed", "noframes");
    /** Page furniture by element name. */
    private static final Set<String> FURNITURE = Set.of("nav", "header", "footer");
    /** Page furniture by class. */
    private static final Set<String> FURNITURE_CLASSES = Set.of("navbox", "sphinxsidebar", "related", "footer",
            "mw-editsection", "mw-jump-link");
    /** Elements that do not separate words. */
    private static final Set<String> INLINE = Set.of("a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data",
            "del", "dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
            "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr");
    /** Elements without content (never closed). */
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
            "meta", "param", "source", "track", "wbr");

    /** Element names met often, packed ({@link #pack}) and sorted, and the names in the same order. */
    private static final long[] KNOWN_CODES;
    private static final String[] KNOWN_NAMES;

    static {
        java.util.TreeMap<Long, String> known = new java.util.TreeMap<>();
        for (Set<String> set : java.util.List.of(Set.of("div", "p", "li", "ul", "ol", "dl", "dt", "dd", "pre",
                "table", "tr", "td", "th", "tbody", "thead", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                "article", "blockquote", "html", "head", "body", "form", "main", "aside", "figure", "figcaption",
                "caption", "colgroup", "button", "select", "option", "svg", "path", "math", "center", "details",
                "summary", "picture", "video", "audio", "object"), RAW, FURNITURE, INLINE, VOID)) {
            for (String name : set) {
                if (name.length() <= 8) {
                    known.put(pack(name, 0, name.length()), name);
                }
            }
        }
        KNOWN_CODES = known.keySet().stream().mapToLong(Long::longValue).toArray();
        KNOWN_NAMES = known.values().toArray(new String[0]);
    }

    /** Up to 8 ASCII name characters, lower-cased, in a long (distinct for distinct names of that length). */
    private static long pack(CharSequence cs, int from, int to) {
        long code = 0;
        for (int i = from; i < to; i++) {
            code = (code << 8) | lowerAscii(cs.charAt(i));
        }
        return code;
    }

    private static long pack(byte[] bytes, int from, int to) {
        long code = 0;
        for (int i = from; i < to; i++) {
            code = (code << 8) | lowerAscii(bytes[i] & 0xFF);
        }
        return code;
    }

    private static int lowerAscii(int c) {
        return (c >= 'A' && c <= 'Z') ? c | 0x20 : c & 0xFF;
    }

    /** The page, UTF-8. */
    private final byte[] s;
    private final int n;
    private final boolean skipFurniture;
    /** The text, UTF-8. */
    private byte[] out;
    private int outLength;
    private boolean space;
    private int pos;

    private HtmlText(byte[] html, boolean skipFurniture) {
        this.s = html;
        this.n = html.length;
        this.skipFurniture = skipFurniture;
        this.out = new byte[Math.min(n, 1 << 20) / 3 + 16];
    }

    /** The visible text of a UTF-8 HTML page. */
    public static String of(byte[] html) {
        String text = new HtmlText(html, true).run();
        if (text.isEmpty()) { // furniture left unclosed swallowed the page: keep it rather than nothing
            text = new HtmlText(html, false).run();
        }
        return text;
    }

    private String run() {
        String skipTag = null; // the furniture element being skipped
        int skipDepth = 0;
        boolean head = false;
        while (pos < n) {
            int c = s[pos] & 0xFF;
            if (c == '<') {
                int start = pos;
                Tag t = tag();
                if (t == null) { // not markup: a literal '<'
                    pos = start + 1;
                    if (skipTag == null && !head) {
                        text('<');
                    }
                    continue;
                }
                if (t.name == null) {
                    continue; // a comment, doctype or processing instruction
                }
                if (!t.closing && RAW.contains(t.name) && !t.selfClosing) {
                    skipRaw(t.name);
                    continue;
                }
                if (skipTag != null) {
                    if (t.name.equals(skipTag) && !VOID.contains(t.name)) {
                        if (t.closing) {
                            skipDepth--;
                        } else if (!t.selfClosing) {
                            skipDepth++;
                        }
                        if (skipDepth == 0) {
                            skipTag = null;
                            space = true;
                        }
                    }
                    continue;
                }
                if (t.name.equals("head")) {
                    head = !t.closing;
                    continue;
                }
                if (t.name.equals("body")) {
                    head = false;
                    space = true;
                    continue;
                }
                if (head) {
                    continue;
                }
                if (!t.closing && !t.selfClosing && !VOID.contains(t.name) && skipFurniture && furniture(t)) {
                    skipTag = t.name;
                    skipDepth = 1;
                    continue;
                }
                if (!INLINE.contains(t.name)) {
                    space = true;
                }
                continue;
            }
            if (skipTag != null || head) {
                pos++;
                while (pos < n && s[pos] != '<') { // nothing shown until the next tag
                    pos++;
                }
                continue;
            }
            int blank = c == '&' ? 0 : spaceAt(pos);
            if (c == '&') {
                pos++;
                entity();
            } else if (blank > 0) {
                pos += blank;
                space = true;
            } else { // a run of text shown as it is: its bytes copied at once
                int end = pos + 1;
                while (end < n && s[end] != '<' && s[end] != '&' && spaceAt(end) == 0) {
                    end++;
                }
                separate();
                append(s, pos, end - pos);
                pos = end;
            }
        }
        return new String(out, 0, outLength, StandardCharsets.UTF_8);
    }

    /** The length of the whitespace character at {@code i} (space, tab, line breaks, no-break space), or 0. */
    private int spaceAt(int i) {
        byte b = s[i];
        if (b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f') {
            return 1;
        }
        return b == (byte) 0xC2 && i + 1 < n && s[i + 1] == (byte) 0xA0 ? 2 : 0; // U+00A0
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u00a0';
    }

    /** Before text: the one space a run of whitespace or a block boundary became, if any. */
    private void separate() {
        if (space) {
            if (outLength > 0) {
                append((byte) ' ');
            }
            space = false;
        }
    }

    private void append(byte[] bytes, int from, int length) {
        if (outLength + length > out.length) {
            out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, outLength + length));
        }
        System.arraycopy(bytes, from, out, outLength, length);
        outLength += length;
    }

    private void append(byte b) {
        if (outLength == out.length) {
            out = java.util.Arrays.copyOf(out, out.length * 2);
        }
        out[outLength++] = b;
    }

    /** A character of the text that markup stands for (a literal {@code <} or {@code &}, a character reference). */
    private void text(int cp) {
        if (isSpace(cp)) {
            space = true;
            return;
        }
        separate();
        if (cp < 0x80) {
            append((byte) cp);
        } else {
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            append(bytes, 0, bytes.length);
        }
    }

    private void text(String str) {
        str.codePoints().forEach(this::text);
    }

    /** A character reference at {@code pos} (just after its {@code &}); a literal {@code &} when it is none. */
    private void entity() {
        int semi = -1;
        for (int i = pos; i < n && i < pos + 40; i++) {
            int c = s[i] & 0xFF;
            if (c == ';') {
                semi = i;
                break;
            }
            if (!(c < 0x80 && Character.isLetterOrDigit(c) || c == '#')) {
                break;
            }
        }
        if (semi > pos) {
            String ref = new String(s, pos, semi - pos, StandardCharsets.ISO_8859_1);
            String value = null;
            if (ref.charAt(0) == '#') {
                try {
                    int cp = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X')
                            ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
                    value = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "\ufffd";
                } catch (NumberFormatException e) {
                    value = null;
                }
            } else {
                String v = Entities.getByName(ref);
                value = v.isEmpty() ? null : v;
            }
            if (value != null) {
                pos = semi + 1;
                text(value);
                return;
            }
        }
        text('&');
    }

    /** A tag read at {@code pos}. {@code name} is null for comments and declarations. */
    private record Tag(String name, boolean closing, boolean selfClosing, int attrStart, int attrEnd) {
    }

    private static final Tag DECLARATION = new Tag(null, false, false, 0, 0);

    /** Reads the markup at {@code pos} (a {@code <}); null when it is text. */
    private Tag tag() {
        int i = pos + 1;
        if (i >= n) {
            return null;
        }
        int c = s[i] & 0xFF;
        if (c == '!' || c == '?') {
            int end;
            if (c == '!' && i + 2 < n && s[i + 1] == '-' && s[i + 2] == '-') { // a comment: up to -->
                end = i + 3;
                while (end + 2 < n && !(s[end] == '-' && s[end + 1] == '-' && s[end + 2] == '>')) {
                    end++;
                }
                pos = end + 2 < n ? end + 3 : n;
            } else {
                end = indexOf('>', i);
                pos = end < 0 ? n : end + 1;
            }
            return DECLARATION;
        }
        boolean closing = c == '/';
        if (closing) {
            i++;
        }
        int nameStart = i;
        while (i < n && isNameChar(s[i])) {
            i++;
        }
        if (i == nameStart || !isAsciiLetter(s[nameStart])) {
            return null;
        }
        String name = lower(nameStart, i);
        int attrStart = i;
        byte quote = 0;
        while (i < n) {
            byte ch = s[i];
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '>') {
                break;
            }
            i++;
        }
        int attrEnd = i;
        boolean selfClosing = attrEnd > attrStart && s[attrEnd - 1] == '/';
        pos = i < n ? i + 1 : n;
        return new Tag(name, closing, selfClosing, attrStart, attrEnd);
    }

    private static boolean isAsciiLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(byte c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
    }

    /** Whether {@code s[i]} is ASCII whitespace or a control character (signed bytes: non-ASCII is not). */
    private boolean blank(int i) {
        return s[i] >= 0 && s[i] <= ' ';
    }

    private String lower(int from, int to) {
        if (to - from <= 8) {
            int k = java.util.Arrays.binarySearch(KNOWN_CODES, pack(s, from, to));
            if (k >= 0) {
                return KNOWN_NAMES[k];
            }
        }
        String name = new String(s, from, to - from, StandardCharsets.ISO_8859_1); // name characters are ASCII
        return name.toLowerCase(Locale.ROOT);
    }

    /** The first {@code b} at or after {@code from}, or -1. */
    private int indexOf(int b, int from) {
        for (int i = from; i < n; i++) {
            if (s[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code s[at…]} is {@code word} (ASCII, lower case), ignoring case. */
    private boolean matchesIgnoreCase(int at, String word) {
        if (at < 0 || at + word.length() > n) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            int c = s[at + k];
            if (c != word.charAt(k) && !(c >= 'A' && c <= 'Z' && (c | 0x20) == word.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Skips the content of a raw-text element up to its end tag. */
    private void skipRaw(String name) {
        int i = pos;
        while (true) {
            int lt = indexOf('<', i);
            while (lt >= 0 && (lt + 1 >= n || s[lt + 1] != '/')) {
                lt = indexOf('<', lt + 1);
            }
            if (lt < 0) {
                pos = n;
                return;
            }
            if (matchesIgnoreCase(lt + 2, name)) {
                int after = lt + 2 + name.length();
                if (after >= n || !isNameChar(s[after])) {
                    int gt = indexOf('>', after);
                    pos = gt < 0 ? n : gt + 1;
                    return;
                }
            }
            i = lt + 2;
        }
    }

    /** Whether the element opened by {@code t} is page furniture. */
    private boolean furniture(Tag t) {
        if (FURNITURE.contains(t.name)) {
            return true;
        }
        if (t.attrEnd - t.attrStart < 6) {
            return false;
        }
        attributes(t);
        String cls = classAttr;
        if (cls != null && cls.length() >= 6) { // the shortest furniture class: footer
            int i = 0;
            int len = cls.length();
            while (i < len) {
                while (i < len && cls.charAt(i) <= ' ') {
                    i++;
                }
                int st = i;
                while (i < len && cls.charAt(i) > ' ') {
                    i++;
                }
                if (i - st >= 6) {
                    String c = cls.substring(st, i);
                    if (FURNITURE_CLASSES.contains(c) || (c.equals("headerlink") && t.name.equals("a"))) {
                        return true;
                    }
                }
            }
        }
        return "navigation".equals(roleAttr);
    }

    /** The {@code class} and {@code role} of the last tag given to {@link #attributes}, or null. */
    private String classAttr;
    private String roleAttr;

    /** Reads the {@code class} and {@code role} attributes of tag {@code t}. */
    private void attributes(Tag t) {
        classAttr = null;
        roleAttr = null;
        int i = t.attrStart;
        int end = t.attrEnd;
        while (i < end) {
            if (!isNameChar(s[i])) {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < end && isNameChar(s[i])) {
                i++;
            }
            int nameLen = i - nameStart;
            while (i < end && blank(i)) {
                i++;
            }
            if (i >= end || s[i] != '=') {
                continue;
            }
            i++;
            while (i < end && blank(i)) {
                i++;
            }
            int vs;
            int ve;
            if (i < end && (s[i] == '"' || s[i] == '\'')) {
                byte q = s[i];
                vs = i + 1;
                int close = indexOf(q, vs);
                ve = close < 0 || close > end ? end : close;
                i = ve + 1;
            } else {
                vs = i;
                while (i < end && !blank(i)) {
                    i++;
                }
                ve = i;
            }
            if (nameLen == 5 && matchesIgnoreCase(nameStart, "class")) {
                classAttr = new String(s, vs, ve - vs, StandardCharsets.UTF_8);
            } else if (nameLen == 4 && matchesIgnoreCase(nameStart, "role")) {
                roleAttr = new String(s, vs, ve - vs, StandardCharsets.UTF_8);
            }
        }
    }
}
