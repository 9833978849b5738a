package io.burrow.mcp.zim.tools.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Block-level Markdown output: whole lines, each ending with a newline, under a stack of container prefixes
 * ({@code "> "} for quotes, spaces for list items) whose first line may carry a marker ({@code "- "}, {@code "3. "}).
 * Separation between blocks is requested before a block and written lazily, so the output never starts or ends
 * with a blank line and never holds two blank lines in a row. Writing is linear in the output: prefixes stop
 * growing past {@link #MAX_PREFIX} characters.
 */
final class MarkdownWriter {

    /** Deeper containers are not indented further (keeps every line's prefix short). */
    static final int MAX_PREFIX = 48;

    private final StringBuilder sb = new StringBuilder();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> savedFirstLines = new ArrayList<>();
    private final List<Long> linesAtPush = new ArrayList<>();
    private String prefix = "";
    /** What the next line starts with instead of {@link #prefix}: the markers of items not yet written. */
    private String firstLine;
    /** The prefix the pending blank line carries: that of the outermost container that asked for it. */
    private String separationPrefix = "";
    private int separation;
    private long lines;

    /** Requests separation before the next line: 1 a line break (always there), 2 a blank line. */
    void separate(int n) {
        if (firstLine == null) {
            if (n > separation) {
                separation = n;
                separationPrefix = prefix;
            } else if (n == separation && prefix.length() < separationPrefix.length()) {
                separationPrefix = prefix;
            }
        }
    }

    /** Whether a heading written now would be at the top level (no container, no pending marker). */
    boolean atTopLevel() {
        return prefixes.isEmpty() && firstLine == null;
    }

    /**
     * Enters a container.
     *
     * @param indent the prefix of its lines
     * @param marker what its first line starts with instead of {@code indent} (null: the indent)
     */
    void push(String indent, String marker) {
        String ind = prefix.length() + indent.length() > MAX_PREFIX ? "" : indent;
        savedFirstLines.add(firstLine);
        linesAtPush.add(lines);
        if (marker != null) {
            String base = firstLine == null ? prefix : firstLine;
            // markers of items that open with an item stack up on one line, up to a bound
            firstLine = base.length() + marker.length() > MAX_PREFIX ? base : base + marker;
        }
        prefixes.add(ind);
        prefix = prefix + ind;
    }

    /** Leaves the innermost container. */
    void pop() {
        int last = prefixes.size() - 1;
        String ind = prefixes.remove(last);
        prefix = prefix.substring(0, prefix.length() - ind.length());
        String saved = savedFirstLines.remove(last);
        long before = linesAtPush.remove(last);
        // an empty container leaves its marker unwritten: restore what the next line started with before it
        firstLine = lines == before ? saved : null;
        if (separationPrefix.length() > prefix.length()) {
            separationPrefix = prefix;
        }
    }

    /** Writes one line (no newline inside) under the current prefixes. */
    void line(String text) {
        beginLine(text.isEmpty());
        sb.append(text).append('\n');
        lines++;
    }

    /** Writes a paragraph: its lines, each escaped where it could start a Markdown block. */
    void paragraph(String markdown) {
        separate(2);
        int from = 0;
        while (true) {
            int nl = markdown.indexOf('\n', from);
            String l = nl < 0 ? markdown.substring(from) : markdown.substring(from, nl);
            line(escapeLineStart(l));
            if (nl < 0) {
                break;
            }
            from = nl + 1;
        }
    }

    /**
     * Writes a top-level heading line.
     *
     * @return the offset where the line starts
     */
    int heading(String line) {
        separate(2);
        beginLine(false);
        int start = sb.length();
        sb.append(line).append('\n');
        lines++;
        separate(2);
        return start;
    }

    int length() {
        return sb.length();
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private void beginLine(boolean blank) {
        if (separation == 2 && sb.length() > 0) {
            sb.append(separationPrefix.stripTrailing()).append('\n');
            lines++;
        }
        separation = 0;
        String p = firstLine != null ? firstLine : prefix;
        firstLine = null;
        sb.append(blank ? p.stripTrailing() : p);
    }

    /** A backslash where a line of text would otherwise start a heading, quote, list, break or fence. */
    static String escapeLineStart(String line) {
        if (line.isEmpty()) {
            return line;
        }
        char c = line.charAt(0);
        switch (c) {
            case '#', '>' -> {
                return "\\" + line;
            }
            case '-', '+', '*', '=', '_' -> {
                if (line.length() == 1 || line.charAt(1) == ' ' || line.charAt(1) == '\t' || onlyOf(line, c)) {
                    return "\\" + line;
                }
                return line;
            }
            case '~' -> {
                return line.startsWith("~~~") ? "\\" + line : line;
            }
            default -> {
                int i = 0;
                while (i < line.length() && i < 10 && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
                    i++;
                }
                if (i > 0 && i < 10 && i < line.length() && (line.charAt(i) == '.' || line.charAt(i) == ')')
                        && (i + 1 == line.length() || line.charAt(i + 1) == ' ' || line.charAt(i + 1) == '\t')) {
                    return line.substring(0, i) + "\\" + line.substring(i);
                }
                return line;
            }
        }
    }

    private static boolean onlyOf(String line, char c) {
        for (int i = 0; i < line.length(); i++) {
            char d = line.charAt(i);
            if (d != c && d != ' ' && d != '\t') {
                return false;
            }
        }
        return true;
    }
}
