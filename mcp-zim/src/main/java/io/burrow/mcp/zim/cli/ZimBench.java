package io.burrow.mcp.zim.cli;

import io.burrow.mcp.zim.ClusterCache;
import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.ZimOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zim bench FILE --reads N --seed S --cluster-cache-bytes B [--query Q …]}: reader throughput
 * as one JSON object, and with {@code --query} the full-text search and suggestion latencies
 * ({@code search_median_ms}, {@code search_p95_ms}, {@code suggest_median_ms}, {@code suggest_p95_ms}), with
 * {@code --snippet-query} the latency of a new search with snippets ({@code search_snippets_median_ms}), and the
 * cached-call figures ({@link CachedCallBench}: {@code cached_*}). The random sequence is SplitMix64 over the user entries, the same one
 * scripts/zim/bench-libzim.py draws, so both readers do the same work.
 *
 * <ul>
 *   <li>{@code read_ops_per_s}: random path lookup plus full content read (a read-only view, no copy)
 *       at the given cache budget, after a warm-up over the same sequence; {@code read_copy_ops_per_s}:
 *       the same, the content copied into a new array;
 *   <li>{@code cold_read_ops_per_s}: the same with no cluster cache (every read decodes);
 *   <li>{@code iterate_entries_per_s}: path-order iteration (path and title of each user entry);
 *   <li>{@code title_lookup_ops_per_s}: exact-title lookups in the title index;
 *   <li>{@code title_prefix_ops_per_s}: the first title-ordered match of a 3-character prefix;
 *       {@code title_prefix10_ops_per_s}: the first ten;
 *   <li>{@code heap_after_open_bytes}: used heap after opening, after GC.
 * </ul>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure random reads (warm and cold cluster cache), path-order iteration and title lookups; print JSON.")
final class ZimBench extends ZimSubcommand {

    @Option(names = "--reads", defaultValue = "2000", description = "Random reads per measurement (default 2000).")
    int reads;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random sequence (default 42).")
    long seed;

    @Option(names = "--cluster-cache-bytes", defaultValue = "16777216",
            description = "Cluster cache budget in bytes (default 16 MiB, libzim's).")
    long cacheBytes;

    @Option(names = "--query", description = "Search queries: full-text and suggestion latencies are reported for them.")
    List<String> queries = new ArrayList<>();

    @Option(names = "--snippet-query", description = "Queries searched once each with snippets, after a warm-up with "
            + "snippets over the --query queries: search_snippets_median_ms.")
    List<String> snippetQueries = new ArrayList<>();

    @Option(names = "--cached-calls", defaultValue = "2000",
            description = "Repeated tool calls timed for the cached-call figures (default 2000; 0: none).")
    int cachedCalls;

    @Option(names = "--search-rounds", defaultValue = "50",
            description = "Timed passes over the queries (default 50), after the warm-up passes.")
    int searchRounds;

    @Option(names = "--warmup-rounds", defaultValue = "200", description = "Untimed warm-up passes (default 200).")
    int warmupRounds;

    private long heapBefore;

    @Override
    ZimOptions options() {
        heapBefore = usedHeap();
        return ZimOptions.builder().clusterCacheBytes(cacheBytes).build();
    }

    /** SplitMix64, as in bench-libzim.py. */
    static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            this.state = seed;
        }

        long next() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        int nextIndex(int n) {
            return (int) Long.remainderUnsigned(next(), n);
        }
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Override
    int run(ZimArchive zim) {
        long heapAfter = usedHeap();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.getFileName().toString());
        m.put("reads", reads);
        m.put("seed", seed);
        m.put("cluster_cache_bytes", cacheBytes);
        m.put("heap_after_open_bytes", heapAfter);
        m.put("heap_open_delta_bytes", Math.max(0, heapAfter - heapBefore));

        List<String> all = zim.entriesByPath().map(Entry::path).toList();
        if (all.isEmpty() || reads <= 0) {
            err.println("Error: nothing to read");
            return 1;
        }
        SplitMix r = new SplitMix(seed);
        List<String> paths = new ArrayList<>(reads);
        for (int i = 0; i < reads; i++) {
            paths.add(all.get(r.nextIndex(all.size())));
        }
        // warm cache: a warm-up pass, then the timed pass over the same sequence
        warm(() -> readAll(zim, paths));
        m.put("read_ops_per_s", rate(paths.size(), () -> readAll(zim, paths)));
        warm(() -> readCopies(zim, paths));
        m.put("read_copy_ops_per_s", rate(paths.size(), () -> readCopies(zim, paths)));

        // cold: no cluster cache at all, every read decodes its cluster (JIT warmed up first)
        try (ZimArchive cold = ZimArchive.open(file, ZimOptions.builder().clusterCache(ClusterCache.ofBytes(0)).build())) {
            warm(() -> readAll(cold, paths.subList(0, Math.min(paths.size(), 200))));
            m.put("cold_read_ops_per_s", rate(paths.size(), () -> readAll(cold, paths)));
        }

        // path-order iteration of the user entries (path and title of each)
        warm(() -> iterate(zim));
        int passes = Math.max(1, 200_000 / all.size());
        m.put("iterate_entries_per_s", rate((long) passes * all.size(), () -> {
            for (int i = 0; i < passes; i++) {
                iterate(zim);
            }
        }));

        // title lookups over the titles of random user entries
        SplitMix tr = new SplitMix(seed + 1);
        List<String> titles = new ArrayList<>(reads);
        for (int i = 0; i < reads; i++) {
            titles.add(zim.entryAt(zim.userEntriesStart() + tr.nextIndex(all.size())).title());
        }
        warm(() -> lookupTitles(zim, titles));
        m.put("title_lookup_ops_per_s", rate(titles.size(), () -> lookupTitles(zim, titles)));
        List<String> prefixes = titles.stream().map(t -> t.substring(0, t.offsetByCodePoints(0,
                Math.min(3, t.codePointCount(0, t.length()))))).toList();
        warm(() -> prefixTitles(zim, prefixes, 1));
        m.put("title_prefix_ops_per_s", rate(prefixes.size(), () -> prefixTitles(zim, prefixes, 1)));
        warm(() -> prefixTitles(zim, prefixes, 10));
        m.put("title_prefix10_ops_per_s", rate(prefixes.size(), () -> prefixTitles(zim, prefixes, 10)));

        long total = 0;
        for (int c = 0; c < zim.clusterCount(); c++) {
            total += zim.clusterInfo(c).dataSize();
        }
        long avg = zim.clusterCount() == 0 ? 0 : total / zim.clusterCount();
        m.put("cluster_count", zim.clusterCount());
        m.put("avg_cluster_bytes", avg);
        m.put("libzim_cluster_cache_clusters", avg == 0 ? 0 : Math.max(1, cacheBytes / avg));
        m.put("queries", queries);
        if (!queries.isEmpty()) {
            m.putAll(SearchBench.run(zim, queries, searchRounds, warmupRounds));
        }
        if (!snippetQueries.isEmpty()) {
            m.putAll(SearchBench.snippets(zim, queries, snippetQueries));
        }
        if (cachedCalls > 0) {
            m.putAll(CachedCallBench.run(file, queries.isEmpty() ? "python" : queries.get(0), cachedCalls));
        }
        out.println(ZimJson.write(m));
        return 0;
    }

    private static long sink;

    /** Lookup and full content, as a read-only view (no copy; libzim's Blob, Python's memoryview). */
    private static void readAll(ZimArchive zim, List<String> paths) {
        long n = 0;
        for (String p : paths) {
            n += zim.findEntry(p).orElseThrow().item().contentBuffer().remaining();
        }
        sink += n;
    }

    /** Lookup and full content copied into a new array (Python: {@code bytes(item.content)}). */
    private static void readCopies(ZimArchive zim, List<String> paths) {
        long n = 0;
        for (String p : paths) {
            n += zim.findEntry(p).orElseThrow().item().content().length;
        }
        sink += n;
    }

    private static void iterate(ZimArchive zim) {
        long n = zim.entriesByPath().mapToLong(e -> e.path().length() + e.title().length()).sum();
        sink += n;
    }

    private static void lookupTitles(ZimArchive zim, List<String> titles) {
        long n = 0;
        for (String t : titles) {
            n += zim.findEntryByTitle(t).map(Entry::index).orElse(-1);
        }
        sink += n;
    }

    private static void prefixTitles(ZimArchive zim, List<String> prefixes, int limit) {
        long n = 0;
        for (String p : prefixes) {
            n += zim.findByTitlePrefix(p).limit(limit).mapToInt(Entry::index).sum();
        }
        sink += n;
    }

    /** Minimum duration of a warm-up and of a timed measurement (the JIT needs the former). */
    static final long MIN_NANOS = 500_000_000L;

    /** Runs {@code body} (worth {@code ops} operations) until {@link #MIN_NANOS} passed; ops per second. */
    private static double rate(long ops, Runnable body) {
        long t0 = System.nanoTime();
        long done = 0;
        long ns;
        do {
            body.run();
            done += ops;
            ns = System.nanoTime() - t0;
        } while (ns < MIN_NANOS);
        return Math.round(done * 1e9 / Math.max(1, ns) * 10) / 10.0;
    }

    /** Warm-up: runs {@code body} for at least twice {@link #MIN_NANOS}. */
    private static void warm(Runnable body) {
        long t0 = System.nanoTime();
        do {
            body.run();
        } while (System.nanoTime() - t0 < 2 * MIN_NANOS);
    }
}
