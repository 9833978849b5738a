package io.burrow.mcp.core.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.Weigher;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.core.spi.Caches;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Creates and tracks every named cache of the server. */
public final class CacheRegistry {

    private final Map<String, String> overrides;
    private final Ticker ticker;
    private final MeterRegistry meters;
    private final Map<String, Cache<?, ?>> caches = new ConcurrentHashMap<>();

    /**
     * @param meters where each cache's statistics are published ({@code cache.*} meters tagged with the
     *     cache's name), or {@code null}
     */
    public CacheRegistry(String overrideSpecs, Ticker ticker, MeterRegistry meters) {
        this.overrides = parseOverrides(overrideSpecs);
        this.ticker = ticker;
        this.meters = meters;
    }

    static Map<String, String> parseOverrides(String specs) {
        Map<String, String> out = new LinkedHashMap<>();
        if (specs == null || specs.isBlank()) {
            return out;
        }
        for (String part : specs.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException(List.of("BURROW_CACHE_SPECS entry must be name=spec, was " + p));
            }
            String spec = p.substring(eq + 1).trim();
            try {
                CaffeineSpec.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(List.of("BURROW_CACHE_SPECS spec for " + p.substring(0, eq).trim()
                        + " is not a valid Caffeine spec: " + e.getMessage()));
            }
            out.put(p.substring(0, eq).trim(), spec);
        }
        return out;
    }

    /** The caches view of one module; names get the module prefix. */
    public Caches forModule(String module) {
        return new Caches() {
            @Override
            public <K, V> Cache<K, V> cache(String name, String defaultSpec) {
                return create(module + "." + name, defaultSpec, null);
            }

            @Override
            public <K, V> Cache<K, V> weightedCache(String name, String defaultSpec, Weigher<? super K, ? super V> weigher) {
                return create(module + "." + name, defaultSpec, weigher);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <K, V> Cache<K, V> create(String fullName, String defaultSpec, Weigher<? super K, ? super V> weigher) {
        String spec = overrides.getOrDefault(fullName, defaultSpec);
        Caffeine<Object, Object> builder = Caffeine.from(spec).ticker(ticker).recordStats();
        Cache<K, V> cache;
        if (weigher != null && spec.contains("maximumWeight")) {
            cache = builder.weigher(weigher).build();
        } else {
            cache = builder.build();
        }
        Cache<?, ?> previous = caches.putIfAbsent(fullName, cache);
        if (previous != null) {
            throw new IllegalStateException("cache " + fullName + " was created twice");
        }
        if (meters != null) {
            bind(cache, fullName, meters);
        }
        return cache;
    }

    /**
     * Publishes a cache's statistics, read when the registry is scraped (nothing is added to the cache's own
     * path): Micrometer's {@code cache.gets}, {@code cache.puts}, {@code cache.evictions},
     * {@code cache.eviction.weight}, {@code cache.size}, and the weight held by a weighted cache.
     */
    private static void bind(Cache<?, ?> cache, String name, MeterRegistry meters) {
        CaffeineCacheMetrics.monitor(meters, cache, name);
        cache.policy().eviction().filter(Policy.Eviction::isWeighted).ifPresent(eviction -> {
            Gauge.builder("burrow.cache.weight", eviction, e -> e.weightedSize().orElse(0))
                    .description("The weight the cache holds (bytes or characters, as its weigher counts)")
                    .tag("cache", name).register(meters);
            Gauge.builder("burrow.cache.weight.max", eviction, Policy.Eviction::getMaximum)
                    .description("The most weight the cache may hold").tag("cache", name).register(meters);
        });
    }

    /** Statistics of every cache, for the health tool. */
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        caches.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Cache<?, ?> c = e.getValue();
            CacheStats s = c.stats();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entries", c.estimatedSize());
            c.policy().eviction().flatMap(ev -> ev.isWeighted() ? ev.weightedSize().stream().boxed().findFirst()
                    : java.util.Optional.<Long>empty()).ifPresent(w -> m.put("weight", w));
            c.policy().eviction().map(Policy.Eviction::getMaximum).ifPresent(max -> m.put("maximum", max));
            m.put("hits", s.hitCount());
            m.put("misses", s.missCount());
            if (s.requestCount() > 0) { // Caffeine reports 1.0 for a cache never asked
                m.put("hit_rate", Math.round(s.hitRate() * 1000) / 1000.0);
            }
            m.put("evictions", s.evictionCount());
            out.put(e.getKey(), m);
        });
        return out;
    }
}
