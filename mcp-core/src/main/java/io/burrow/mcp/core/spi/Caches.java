package io.burrow.mcp.core.spi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Weigher;

/**
 * Named Caffeine caches handed to a module by the core. Names are prefixed with the module name
 * ({@code gopher.responses}); the operator may replace any default spec with the
 * {@code BURROW_CACHE_SPECS} setting ({@code gopher.responses=maximumSize=10,expireAfterWrite=1m;…}).
 * Every cache records statistics, which the {@code health} tool reports, and uses the server's ticker.
 */
public interface Caches {

    /**
     * A cache bounded by entries and/or time.
     *
     * @param name the name within the module
     * @param defaultSpec a {@link com.github.benmanes.caffeine.cache.CaffeineSpec} such as
     *     {@code maximumSize=1000,expireAfterWrite=300s}
     */
    <K, V> Cache<K, V> cache(String name, String defaultSpec);

    /**
     * A cache bounded by weight (for example bytes).
     *
     * @param defaultSpec a spec with {@code maximumWeight}
     */
    <K, V> Cache<K, V> weightedCache(String name, String defaultSpec, Weigher<? super K, ? super V> weigher);
}
