package io.burrow.mcp.gemini;

import java.util.List;

/**
 * A gemlog index recognised in a gemtext page, after the Gemini subscription companion specification: a
 * page whose link lines have labels starting with an ISO 8601 date ({@code => post.gmi 2026-11-25 Title}).
 * The entries are sorted newest first (same-day entries keep the page's order).
 *
 * @param title the page's first level-1 heading, or {@code null}
 * @param entries the dated links, newest first
 */
public record GemlogFeed(String title, List<Entry> entries) {

    public GemlogFeed {
        entries = List.copyOf(entries);
    }

    /**
     * One post.
     *
     * @param url the absolute URL
     * @param date the date, {@code YYYY-MM-DD}
     * @param title the rest of the label after the date (and a separator), or {@code null}
     */
    public record Entry(String url, String date, String title) {
    }
}
