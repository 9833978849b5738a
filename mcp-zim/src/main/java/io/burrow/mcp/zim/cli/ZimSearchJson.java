package io.burrow.mcp.zim.cli;

import io.burrow.mcp.zim.search.SearchHit;
import io.burrow.mcp.zim.search.SearchResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON object of {@code zim search} and {@code zim suggest}. */
final class ZimSearchJson {

    private ZimSearchJson() {
    }

    /** {@code {"query", "estimated", "results": [{"path", "title", "score", "snippet"}]}}; no snippet key when none. */
    static Map<String, Object> of(SearchResults r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query", r.query());
        m.put("estimated", r.estimated());
        List<Map<String, Object>> results = new ArrayList<>();
        for (SearchHit h : r.results()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", h.path());
            e.put("title", h.title());
            e.put("score", Math.round(h.score() * 1e6) / 1e6);
            if (h.snippet() != null) {
                e.put("snippet", h.snippet());
            }
            results.add(e);
        }
        m.put("results", results);
        return m;
    }
}
