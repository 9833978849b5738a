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

    /** Shortest warm-up of the snippet measurement. */
    private static final long SNIPPET_WARMUP_NANOS = 3_000_000_000L;

    /**
     * Searches with snippets, as a server answers a query it has not seen: after a warm-up with snippets over
     * {@code warmupQueries} (at least 3 s: the JIT compiles the extractor and the snippet builder), each of
     * {@code fresh} is searched once (its estimate and first 10 results, each with its snippet), timed one by one (wall
     * and thread CPU time, the latter less moved by a busy machine); keys {@code search_snippets_median_ms}, {@code search_snippets_p95_ms}, {@code search_snippets_queries}; then
     * each again with no entry text kept from earlier searches ({@code search_snippets_uncached_*}).
     * scripts/zim/bench-libzim-snippets.cpp measures C++ libzim's search plus {@code getSnippet()} the same way.
     */
    static Map<String, Object> snippets(ZimArchive zim, List<String> warmupQueries, List<String> fresh) {
        Map<String, Object> m = new LinkedHashMap<>();
        ZimSearcher s = ZimSearcher.open(zim);
        if (!s.hasFulltextIndex() || fresh.isEmpty()) {
            return m;
        }
        long t0 = System.nanoTime();
        do {
            for (String q : warmupQueries) {
                sink += snippetSearch(s, q);
            }
        } while (System.nanoTime() - t0 < SNIPPET_WARMUP_NANOS && !warmupQueries.isEmpty());
        List<Double> ms = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String q : fresh) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            sink += snippetSearch(s, q);
            ms.add((System.nanoTime() - t) / 1e6);
            cpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
        }
        m.put("search_snippets_queries", fresh.size());
        m.put("search_snippets_median_ms", percentile(ms, 50));
        m.put("search_snippets_p95_ms", percentile(ms, 95));
        m.put("search_snippets_cpu_median_ms", percentile(cpu, 50));
        // the same queries again, each on a searcher of its own: no entry text kept from earlier searches, every
        // hit's HTML read (its cluster decoded unless cached) and its text extracted
        List<Double> uncached = new ArrayList<>();
        List<Double> uncachedCpu = new ArrayList<>();
        for (String q : fresh) {
            ZimSearcher own = ZimSearcher.open(zim);
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            sink += snippetSearch(own, q);
            uncached.add((System.nanoTime() - t) / 1e6);
            uncachedCpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
        }
        m.put("search_snippets_uncached_cpu_median_ms", percentile(uncachedCpu, 50));
        m.put("search_snippets_uncached_median_ms", percentile(uncached, 50));
        m.put("search_snippets_uncached_p95_ms", percentile(uncached, 95));
        return m;
    }

    private static long snippetSearch(ZimSearcher s, String q) {
        SearchResults r = s.search(SearchRequest.of(q));
        long n = r.estimated();
        for (var h : r.results()) {
            n += h.snippet() == null ? 0 : h.snippet().length();
        }
        return n;
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
