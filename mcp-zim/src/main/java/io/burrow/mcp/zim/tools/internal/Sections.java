package io.burrow.mcp.zim.tools.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The sections of a page: the headings as written (offsets into the Markdown), turned into {@link Section}s with
 * their ends, parents and counts once the Markdown is complete.
 */
final class Sections {

    private record Heading(String id, String title, int level, int start, int bodyStart, String idSource) {
    }

    private final List<Heading> headings = new ArrayList<>();

    /** Records a heading written at {@code start}, its body starting at {@code bodyStart}. */
    void add(String id, String title, int level, int start, int bodyStart, String idSource) {
        headings.add(new Heading(id, title, level, start, bodyStart, idSource));
    }

    List<Section> sections(String md) {
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
