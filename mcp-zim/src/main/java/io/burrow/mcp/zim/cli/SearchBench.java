package io.burrow.mcp.zim.cli;

import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.search.SearchRequest;
import io.burrow.mcp.zim.search.SearchResults;
import io.burrow.mcp.zim.search.ZimSearcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search latencies for {@code zim bench}: each query as libzim serves it (estimated count plus the first 10
 * results, libzim-compatible mode, no snippets; suggestions: the first 10), timed one by one after warm-up
 * passes; median and 95th percentile over every timed execution. scripts/zim/bench-search-libzim.py measures
 * python3-libzim the same way.
 */
final class SearchBench {

    private SearchBench() {
    }

    private static long sink;

    /** Runs the measurements; keys {@code search_median_ms}, {@code search_p95_ms}, {@code suggest_*}. */
    static Map<String, Object> run(ZimArchive zim, List<String> queries, int rounds, int warmup) {
        Map<String, Object> m = new LinkedHashMap<>();
        ZimSearcher s = ZimSearcher.open(zim);
        m.put("search_rounds", rounds);
        m.put("search_warmup_rounds", warmup);
        if (s.hasFulltextIndex()) {
            List<Double> t = time(queries, rounds, warmup, q -> {
                SearchResults r = s.search(SearchRequest.of(q).withSnippets(false));
                return r.estimated() + r.results().size();
            });
            m.put("search_median_ms", percentile(t, 50));
            m.put("search_p95_ms", percentile(t, 95));
        }
        List<Double> t = time(queries, rounds, warmup, q -> {
            SearchResults r = s.suggest(q, 10);
            return r.estimated() + r.results().size();
        });
        m.put("suggest_median_ms", percentile(t, 50));
        m.put("suggest_p95_ms", percentile(t, 95));
        return m;
    }

    private interface Op {
        long apply(String q);
    }

    private static List<Double> time(List<String> queries, int rounds, int warmup, Op op) {
        for (int i = 0; i < warmup; i++) {
            for (String q : queries) {
                sink += op.apply(q);
            }
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            for (String q : queries) {
                long t0 = System.nanoTime();
                sink += op.apply(q);
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return ms;
    }

    /** Nearest-rank percentile, rounded to microseconds. */
    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        double x = v[Math.max(0, Math.min(v.length - 1, rank - 1))];
        return Math.round(x * 1000) / 1000.0;
    }
}
