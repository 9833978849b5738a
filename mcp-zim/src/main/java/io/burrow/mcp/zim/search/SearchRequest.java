package io.burrow.mcp.zim.search;

import java.util.Objects;

/**
 * A full-text search request.
 *
 * @param query the user's query in Xapian's default syntax
 * @param offset index of the first result (0-based)
 * @param limit maximum number of results (0 only counts)
 * @param mode libzim-compatible or improved
 * @param mimeTypePrefix keep only entries whose MIME type starts with this (e.g. {@code text/html}), or null
 * @param namespace keep only entries of this namespace (old-scheme archives: {@code A}, …), or null
 * @param snippets whether to build snippets from the entries' HTML
 */
public record SearchRequest(String query, int offset, int limit, SearchMode mode, String mimeTypePrefix,
                            Character namespace, boolean snippets) {

    /** Maximum page size. */
    public static final int MAX_LIMIT = 1000;

    /** Validates the page bounds. */
    public SearchRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(mode, "mode");
        if (offset < 0 || limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset must be >= 0 and limit in 0.." + MAX_LIMIT);
        }
    }

    /** The first ten results in libzim-compatible mode, with snippets. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, 0, 10, SearchMode.LIBZIM_COMPATIBLE, null, null, true);
    }

    /** The same request for another page. */
    public SearchRequest withPage(int newOffset, int newLimit) {
        return new SearchRequest(query, newOffset, newLimit, mode, mimeTypePrefix, namespace, snippets);
    }

    /** The same request in another mode. */
    public SearchRequest withMode(SearchMode newMode) {
        return new SearchRequest(query, offset, limit, newMode, mimeTypePrefix, namespace, snippets);
    }

    /** The same request with or without snippets. */
    public SearchRequest withSnippets(boolean on) {
        return new SearchRequest(query, offset, limit, mode, mimeTypePrefix, namespace, on);
    }

    /** The same request keeping only entries of this MIME type prefix and namespace (either may be null). */
    public SearchRequest withFilters(String mimePrefix, Character ns) {
        return new SearchRequest(query, offset, limit, mode, mimePrefix, ns, snippets);
    }
}
