package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.InvalidRequestException;

/**
 * A window of a text: {@code [start, end)} of {@code total} characters, cut after a line break or a space near
 * the end of the budget when there is one, never inside a surrogate pair.
 */
record Slice(String text, int start, int end, int total) {

    boolean truncated() {
        return end < total;
    }

    /** Where the next window starts, or null at the end. */
    Integer next() {
        return truncated() ? end : null;
    }

    static Slice of(String s, int offset, int max) {
        int total = s.length();
        if (offset > total) {
            throw new InvalidRequestException("content_offset " + offset + " is past the end (" + total
                    + " characters)", "Use a content_offset below " + total + ", or 0 to start over.");
        }
        int end = (int) Math.min(total, (long) offset + max);
        if (end < total) {
            int floor = offset + max * 4 / 5;
            int nl = s.lastIndexOf('\n', end - 1);
            if (nl >= floor) {
                end = nl + 1;
            } else {
                int sp = s.lastIndexOf(' ', end - 1);
                if (sp >= floor) {
                    end = sp + 1;
                }
            }
            if (end > offset && Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
        }
        return new Slice(s.substring(offset, end), offset, end, total);
    }
}
