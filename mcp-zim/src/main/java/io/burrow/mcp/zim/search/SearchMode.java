package io.burrow.mcp.zim.search;

/** How a query is interpreted. */
public enum SearchMode {
    /**
     * Exactly what libzim 8.1.1 (Debian's python3-libzim) does: the query is not accent-folded, Xapian's default
     * query syntax ({@code AND}, {@code OR}, {@code NOT}, quotes, {@code +}/{@code -}) is honoured, and results,
     * order and the estimated count equal libzim's.
     */
    LIBZIM_COMPATIBLE,
    /**
     * libzim's ranking plus Burrow's improvements: the query is accent-folded like the index (so "Zürich"
     * finds "zurich"), an article whose title equals the query ranks first, CJK words are split into n-grams
     * when the index was built that way, and filters report exact counts.
     */
    IMPROVED
}
