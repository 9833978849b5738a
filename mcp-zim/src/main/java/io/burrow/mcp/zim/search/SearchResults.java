package io.burrow.mcp.zim.search;

import java.util.List;

/**
 * A page of results.
 *
 * @param query the query as given
 * @param estimated the match count libzim reports ({@code getEstimatedMatches()}); in improved mode with
 *     filters, the exact count
 * @param total the exact number of matching entries (Burrow visits every match)
 * @param results the requested page
 */
public record SearchResults(String query, long estimated, long total, List<SearchHit> results) {
    /** Copies the results list. */
    public SearchResults {
        results = List.copyOf(results);
    }
}
