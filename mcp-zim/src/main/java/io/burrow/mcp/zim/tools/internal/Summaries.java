package io.burrow.mcp.zim.tools.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@link Article#summary(int)}: prose paragraphs of the rendered Markdown, cut to a length. */
final class Summaries {

    private static final Pattern LIST_ITEM = Pattern.compile("([-+*]|\\d{1,9}[.)])(\\s.*)?");
    private static final Pattern LABEL = Pattern.compile("\\*\\*[^*]+\\*\\*:?|`+[^`].*`+");
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\([^)]*\\)");
    private static final String ELLIPSIS = "…";

    private Summaries() {
    }

    static String summary(String md, int leadEnd, int maxChars) {
        if (maxChars <= 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (!collect(md, 0, leadEnd, maxChars, b)) {
            collect(md, 0, md.length(), maxChars, b);
        }
        return b.toString();
    }

    /** Appends paragraphs of [from, to) to b within maxChars; whether any paragraph was found. */
    private static boolean collect(String md, int from, int to, int maxChars, StringBuilder b) {
        boolean found = false;
        String fence = null;
        List<String> block = new ArrayList<>();
        int pos = from;
        while (pos <= to) {
            int nl = md.indexOf('\n', pos);
            if (nl < 0 || nl > to) {
                nl = to;
            }
            String line = md.substring(pos, nl);
            boolean end = nl >= to;
            pos = nl + 1;
            if (fence != null) {
                if (line.startsWith(fence) && runLength(line) == line.stripTrailing().length()) {
                    fence = null;
                }
            } else if (line.startsWith("```") || line.startsWith("~~~")) {
                fence = line.substring(0, runLength(line));
                block.clear();
            } else if (line.isBlank()) {
                if (!block.isEmpty()) {
                    String para = paragraph(block);
                    block.clear();
                    if (para != null) {
                        found = true;
                        if (!append(b, para, maxChars)) {
                            return true;
                        }
                    }
                }
            } else {
                block.add(line);
            }
            if (end) {
                break;
            }
        }
        if (!block.isEmpty()) {
            String para = paragraph(block);
            if (para != null) {
                found = true;
                append(b, para, maxChars);
            }
        }
        return found;
    }

    private static int runLength(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == line.charAt(0)) {
            i++;
        }
        return i;
    }

    /** The block on one line if it is a prose paragraph, else null. */
    private static String paragraph(List<String> lines) {
        String first = lines.get(0);
        char c = first.charAt(0);
        if (c == ' ' || c == '\t' || c == '#' || c == '>' || c == '|' || first.equals("---")
                || LIST_ITEM.matcher(first).matches()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(l.strip());
        }
        String p = b.toString();
        if (LABEL.matcher(p).matches()) {
            return null;
        }
        String withoutImages = IMAGE.matcher(p).replaceAll("");
        return withoutImages.codePoints().anyMatch(Character::isLetterOrDigit) ? p : null;
    }

    /** Appends a paragraph, cut if it does not fit; whether there is room for more. */
    private static boolean append(StringBuilder b, String para, int maxChars) {
        String sep = b.length() == 0 ? "" : "\n\n";
        if (b.length() + sep.length() + para.length() <= maxChars) {
            b.append(sep).append(para);
            return true;
        }
        int room = maxChars - b.length() - sep.length() - ELLIPSIS.length();
        if (room >= 20 || (b.length() == 0 && room > 0)) {
            String cut = cut(para, room);
            if (!cut.isEmpty()) {
                b.append(sep).append(cut).append(ELLIPSIS);
            }
        }
        return false;
    }

    /** The longest prefix of at most max chars ending at a word boundary and outside links and code spans. */
    static String cut(String p, int max) {
        boolean[] inside = protectedChars(p, Math.min(p.length(), max + 1));
        int best = -1;
        for (int i = Math.min(max, p.length() - 1); i > 0; i--) {
            if (Character.isWhitespace(p.charAt(i)) && !inside[i]) {
                best = i;
                break;
            }
        }
        if (best < 0) {
            // one long word: a hard cut, before any link or code span it would split, not inside a surrogate pair
            best = Math.min(max, p.length());
            while (best > 0 && best < p.length() && inside[best]) {
                best--;
            }
            if (best > 0 && best < p.length() && Character.isLowSurrogate(p.charAt(best))) {
                best--;
            }
        }
        return p.substring(0, best).stripTrailing();
    }

    /** Marks the characters (of the first n) that lie inside a link, an image or a code span. */
    private static boolean[] protectedChars(String p, int n) {
        boolean[] inside = new boolean[n + 1];
        int i = 0;
        while (i < p.length() && i < n) {
            char c = p.charAt(i);
            int end = -1;
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '`') {
                int run = 0;
                while (i + run < p.length() && p.charAt(i + run) == '`') {
                    run++;
                }
                int close = p.indexOf("`".repeat(run), i + run);
                end = close < 0 ? -1 : close + run;
            } else if (c == '[' || (c == '!' && i + 1 < p.length() && p.charAt(i + 1) == '[')) {
                end = linkEnd(p, c == '!' ? i + 1 : i);
            }
            if (end > i) {
                for (int k = i + 1; k < end && k <= n; k++) {
                    inside[k] = true;
                }
                i = end;
            } else {
                i++;
            }
        }
        return inside;
    }

    /** End (exclusive) of {@code [text](dest)} starting at the bracket, or -1. */
    private static int linkEnd(String p, int open) {
        int depth = 0;
        int i = open;
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                break;
            }
        }
        if (i + 1 >= p.length() || p.charAt(i + 1) != '(') {
            return -1;
        }
        depth = 0;
        for (int k = i + 1; k < p.length(); k++) {
            char c = p.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return k + 1;
            }
        }
        return -1;
    }
}
