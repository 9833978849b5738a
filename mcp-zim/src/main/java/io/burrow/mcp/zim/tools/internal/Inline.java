package io.burrow.mcp.zim.tools.internal;

import java.util.Arrays;

/**
 * Inline Markdown of one block (a paragraph, a heading, a table cell): text with its whitespace collapsed as a
 * browser does and its Markdown characters escaped, and markup ({@code *…*}, {@code [… ](…)}) that disappears when
 * it would wrap nothing and never holds the whitespace at its edges ({@code a<b> b </b>c} → {@code a **b** c}).
 */
final class Inline {

    private final StringBuilder sb = new StringBuilder();
    /** Pairs (marker start, content start) of the open markup. */
    private int[] marks = new int[16];
    private int depth;
    private boolean pendingSpace;

    /** Prose text: whitespace runs become one space, Markdown characters are escaped. */
    void text(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                pendingSpace = true;
                continue;
            }
            flushSpace();
            switch (c) {
                case '\\' -> sb.append(i + 1 < n && isAsciiPunct(s.charAt(i + 1)) ? "\\\\" : "\\");
                case '`' -> sb.append("\\`");
                case ']' -> {
                    // only where it could close a link or a reference definition: "](", "][", "]:"
                    char d = i + 1 < n ? s.charAt(i + 1) : ' ';
                    sb.append(d == '(' || d == '[' || d == ':' ? "\\]" : "]");
                }
                case '*' -> {
                    if (prevIsSpace() && i + 1 < n && isSpace(s.charAt(i + 1))) {
                        sb.append('*');
                    } else {
                        sb.append("\\*");
                    }
                }
                case '_' -> {
                    boolean wordBefore = sb.length() > 0 && Character.isLetterOrDigit(sb.charAt(sb.length() - 1));
                    boolean wordAfter = i + 1 < n && Character.isLetterOrDigit(s.charAt(i + 1));
                    boolean spaced = prevIsSpace() && i + 1 < n && isSpace(s.charAt(i + 1));
                    sb.append(wordBefore && wordAfter || spaced ? "_" : "\\_");
                }
                case '<' -> {
                    char d = i + 1 < n ? s.charAt(i + 1) : ' ';
                    sb.append(Character.isLetter(d) || d == '/' || d == '!' || d == '?' ? "\\<" : "<");
                }
                case '~' -> sb.append((i + 1 < n && s.charAt(i + 1) == '~') || lastIs('~') ? "\\~" : "~");
                default -> sb.append(c);
            }
        }
    }

    /** Markdown written as is (after any pending space). */
    void literal(String s) {
        if (s.isEmpty()) {
            return;
        }
        flushSpace();
        sb.append(s);
    }

    /** A collapsible space. */
    void space() {
        pendingSpace = true;
    }

    /** A hard line break (two spaces and a newline); dropped at the start, collapsed when repeated. */
    void lineBreak() {
        pendingSpace = false;
        int len = sb.length();
        while (len > 0 && sb.charAt(len - 1) == ' ') {
            len--;
        }
        sb.setLength(len);
        if (len == 0 || sb.charAt(len - 1) == '\n' || atContentStart()) {
            return;
        }
        sb.append("  \n");
    }

    /** Opens markup; {@link #close} removes it again if nothing was written in between. */
    void open(String marker) {
        flushSpace();
        if (depth + 2 > marks.length) {
            marks = Arrays.copyOf(marks, marks.length * 2);
        }
        marks[depth++] = sb.length();
        sb.append(marker);
        marks[depth++] = sb.length();
    }

    /** Closes the innermost markup with {@code closer}; whitespace before it moves after it. */
    void close(String closer) {
        int contentStart = marks[--depth];
        int markerStart = marks[--depth];
        int len = sb.length();
        while (len > contentStart && (sb.charAt(len - 1) == ' ' || sb.charAt(len - 1) == '\n')) {
            len--;
            pendingSpace = true;
        }
        if (len == contentStart) {
            sb.setLength(markerStart);
            return;
        }
        sb.setLength(len);
        sb.append(closer);
    }

    /** The Markdown, trimmed; lines are separated by hard breaks ({@code "  \n"}). */
    String finish() {
        int len = sb.length();
        while (len > 0 && (sb.charAt(len - 1) == ' ' || sb.charAt(len - 1) == '\n')) {
            len--;
        }
        return sb.substring(0, len);
    }

    /** The Markdown on one line: hard breaks become spaces. */
    String finishOneLine() {
        String s = finish();
        return s.indexOf('\n') < 0 ? s : s.replace("  \n", " ").replace('\n', ' ');
    }

    private void flushSpace() {
        if (!pendingSpace) {
            return;
        }
        pendingSpace = false;
        int len = sb.length();
        if (len == 0) {
            return;
        }
        char last = sb.charAt(len - 1);
        if (last == ' ' || last == '\n') {
            return;
        }
        // at the start of open markup's content: the space goes before the markers
        int at = len;
        int d = depth;
        while (d > 0 && marks[d - 1] == at) {
            at = marks[d - 2];
            d -= 2;
        }
        if (at == len) {
            sb.append(' ');
            return;
        }
        if (at == 0 || sb.charAt(at - 1) == ' ' || sb.charAt(at - 1) == '\n') {
            return;
        }
        sb.insert(at, ' ');
        for (int i = d; i < depth; i++) {
            marks[i]++;
        }
    }

    /** Whether nothing but open markers precede the end (a break there would break nothing). */
    private boolean atContentStart() {
        int at = sb.length();
        int d = depth;
        while (d > 0 && marks[d - 1] == at) {
            at = marks[d - 2];
            d -= 2;
        }
        return at == 0 || sb.charAt(at - 1) == '\n';
    }

    private boolean prevIsSpace() {
        return sb.length() == 0 || sb.charAt(sb.length() - 1) == ' ' || sb.charAt(sb.length() - 1) == '\n';
    }

    private boolean lastIs(char c) {
        return sb.length() > 0 && sb.charAt(sb.length() - 1) == c;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u00a0' || c == '\u2028'
                || c == '\u2029' || c == '\u000b';
    }

    private static boolean isAsciiPunct(char c) {
        return c >= 0x21 && c <= 0x7e && !Character.isLetterOrDigit(c);
    }
}
