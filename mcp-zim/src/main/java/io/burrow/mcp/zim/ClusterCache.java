package io.burrow.mcp.zim;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.burrow.mcp.zim.internal.ClusterData;
import java.util.function.Function;

/**
 * A cache of decompressed clusters, bounded in bytes, safe for concurrent readers, which one archive
 * or several archives may share (pass it with {@link ZimOptions.Builder#clusterCache(ClusterCache)}).
 *
 * <p>Only compressed clusters are cached: blobs of uncompressed clusters are read straight from the
 * file. A cluster is decompressed lazily, only as far as the blobs read so far need,
 * and weighs what it holds; the weight is updated as it grows. Concurrent readers of the same cluster
 * share one decompression.
 *
 * <pre>{@code
 * ClusterCache shared = ClusterCache.ofBytes(64L << 20);
 * ZimOptions options = ZimOptions.builder().clusterCache(shared).build();
 * try (ZimArchive a = ZimArchive.open(first, options); ZimArchive b = ZimArchive.open(second, options)) {
 *     …
 * }
 * }</pre>
 */
public final class ClusterCache {

    /** Key of a cached cluster: the archive instance's id and the cluster number. */
    record Key(long archive, long cluster) {
    }

    private final long maxBytes;
    private final Cache<Key, ClusterData> cache;

    private ClusterCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.cache = maxBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, ClusterData v) -> v.weight())
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    /** A cache holding at most {@code maxBytes} of decompressed data (0: nothing is cached). */
    public static ClusterCache ofBytes(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0");
        }
        return new ClusterCache(maxBytes);
    }

    /** The byte budget. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes currently held (the sum of the cached clusters' weights). */
    public long weightedSize() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /** Number of clusters currently cached. */
    public long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    /** Cache hits so far. */
    public long hitCount() {
        return cache == null ? 0 : cache.stats().hitCount();
    }

    /** Cache misses (cluster decompressions started) so far. */
    public long missCount() {
        return cache == null ? 0 : cache.stats().missCount();
    }

    /** Drops every cached cluster. */
    public void clear() {
        if (cache != null) {
            cache.invalidateAll();
            cache.cleanUp();
        }
    }

    ClusterData get(Key key, Function<Key, ClusterData> loader) {
        if (cache == null) {
            return loader.apply(key);
        }
        return cache.get(key, loader);
    }

    /** Re-weighs a cluster that has grown (no-op if it was evicted meanwhile). */
    void reweigh(Key key, ClusterData data) {
        if (cache != null) {
            cache.asMap().computeIfPresent(key, (k, v) -> v == data ? v : v);
        }
    }

    void invalidateArchive(long archive) {
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> k.archive() == archive);
        }
    }
}
