package io.burrow.mcp.zim.tools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.ToolResult;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The results of repeated tool calls ({@code zim_search}, {@code zim_get}, {@code zim_get_section},
 * {@code zim_browse}, {@code zim_links}, {@code zim_metadata}), kept in their final form: the structured value as a
 * JSON tree and its text rendering, so that a hit hands the server the very same tree again (which the core then
 * writes from its kept JSON text, without validating it again) and costs about what a tool returning a fixed result
 * costs.
 *
 * <p>A key is the tool, its normalised arguments (after defaults, cursors and archive names were resolved) and the
 * identity of every archive the result was read from: its name and {@linkplain LoadedArchive#stamp() opening}. An
 * archive whose file changes is opened again under a new stamp, so a result of the replaced file can never be found
 * again (and the retired opening's results are dropped at once). Bounded by an estimate of the bytes held; results
 * above a sixteenth of the budget are not kept, nor failures and results with images or embedded blobs.
 */
public final class ResultCache {

    /** Estimated bytes held per character of JSON text kept as a tree (nodes, strings, maps). */
    private static final int TREE_BYTES_PER_CHAR = 4;
    private static final int ENTRY_OVERHEAD = 256;

    /** A key: the tool, the archives it read (name and opening) and its normalised arguments. */
    record Key(String tool, List<String> archives, Object params) {
    }

    /** A kept result and its estimated size in bytes. */
    private record Kept(ToolResult result, int bytes) {
    }

    private final Cache<Key, Kept> cache;
    private final long maxEntryBytes;

    private ResultCache(Cache<Key, Kept> cache, long maxBytes, ArchiveLibrary library) {
        this.cache = cache;
        this.maxEntryBytes = Math.max(0, maxBytes / 16);
        if (cache != null) { // a retired opening's results are never asked for again: drop them now
            library.onRetire(l -> cache.asMap().keySet().removeIf(k -> k.archives().contains(identity(l))));
        }
    }

    /**
     * The result cache of a module: the named cache {@code results} of {@code caches} (its statistics published like
     * every named cache's), bounded to {@code maxBytes}; 0 keeps nothing.
     */
    public static ResultCache create(io.burrow.mcp.core.spi.Caches caches, long maxBytes, ArchiveLibrary library) {
        if (maxBytes <= 0) {
            return new ResultCache(null, 0, library);
        }
        Cache<Key, Kept> c = caches.weightedCache("results", "maximumWeight=" + maxBytes, (Key k, Kept v) -> v.bytes());
        long max = c.policy().eviction().map(e -> e.getMaximum()).orElse(maxBytes); // BURROW_CACHE_SPECS may change it
        return new ResultCache(c, max, library);
    }

    static String identity(LoadedArchive l) {
        return l.name() + '\u0000' + l.stamp();
    }

    /** The key of {@code tool} called with {@code params} on archive {@code l}. */
    static Key key(String tool, LoadedArchive l, Object params) {
        return new Key(tool, List.of(identity(l)), params);
    }

    /** The key of {@code tool} called with {@code params} over all of {@code archives}. */
    static Key key(String tool, Collection<LoadedArchive> archives, Object params) {
        return new Key(tool, archives.stream().map(ResultCache::identity).toList(), params);
    }

    /** Whether results are kept. */
    boolean enabled() {
        return cache != null;
    }

    /**
     * The kept result of {@code key}, or the result {@code compute} makes (kept when {@code keep} accepts it and it
     * fits; {@code keep} sees its JSON tree). What is returned carries its structured value as a JSON tree, the same instance on every hit.
     */
    ToolResult get(Key key, Supplier<ToolResult> compute, java.util.function.Predicate<JsonNode> keep) {
        if (cache == null) {
            return compute.get();
        }
        Kept hit = cache.getIfPresent(key);
        if (hit != null) {
            ArchiveCalls.answeredFromCache();
            return hit.result();
        }
        ToolResult r = compute.get();
        if (r.error() || !r.content().isEmpty() || r.structured() == null) { // images and blobs are not kept
            return r;
        }
        JsonNode tree = Json.toTree(r.structured());
        if (!keep.test(tree)) {
            return new ToolResult(tree, r.text(), false, List.of());
        }
        String json;
        String text = r.text();
        try {
            json = Json.writer().writeValueAsString(tree);
            if (text == null) { // the core's default rendering, made once
                text = Json.prettyWriter().writeValueAsString(tree);
            }
        } catch (JsonProcessingException e) {
            return r;
        }
        long bytes = ENTRY_OVERHEAD + (long) TREE_BYTES_PER_CHAR * json.length() + 2L * (text == null ? 0 : text.length());
        ToolResult kept = new ToolResult(tree, text, false, List.of());
        if (bytes <= maxEntryBytes) {
            cache.put(key, new Kept(kept, (int) bytes));
        }
        return kept;
    }

    /** {@link #get} keeping every successful result. */
    ToolResult get(Key key, Supplier<ToolResult> compute) {
        return get(key, compute, r -> true);
    }
}
