package io.burrow.mcp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.config.ConfigurationException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class CacheRegistryTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void cache_expiresWithTheInjectedTickerAndReportsStats() {
        CacheRegistry registry = new CacheRegistry(null, now::get, null);
        Cache<String, String> c = registry.forModule("gopher").cache("responses", "maximumSize=10,expireAfterWrite=300s");
        @SuppressWarnings("unchecked")
        Map<String, Object> before = (Map<String, Object>) registry.stats().get("gopher.responses");
        assertThat(before).as("no hit rate before any request").containsEntry("hits", 0L).doesNotContainKey("hit_rate");
        c.put("k", "v");
        assertThat(c.getIfPresent("k")).isEqualTo("v");
        now.addAndGet(Duration.ofSeconds(301).toNanos());
        assertThat(c.getIfPresent("k")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) registry.stats().get("gopher.responses");
        assertThat(stats).containsEntry("hits", 1L).containsEntry("misses", 1L).containsEntry("maximum", 10L)
                .containsEntry("hit_rate", 0.5);
    }

    @Test
    void everyCache_isPublishedToTheMeterRegistry() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CacheRegistry registry = new CacheRegistry(null, now::get, meters);
        Cache<String, String> c = registry.forModule("gopher").cache("responses", "maximumSize=10");
        Cache<String, byte[]> w = registry.forModule("zim").weightedCache("clusters", "maximumWeight=100",
                (String k, byte[] v) -> v.length);
        c.put("k", "v");
        c.getIfPresent("k");
        c.getIfPresent("nope");
        w.put("a", new byte[60]);
        w.cleanUp();
        assertThat(meters.get("cache.gets").tags("cache", "gopher.responses", "result", "hit").functionCounter().count())
                .isEqualTo(1);
        assertThat(meters.get("cache.gets").tags("cache", "gopher.responses", "result", "miss").functionCounter().count())
                .isEqualTo(1);
        assertThat(meters.get("cache.size").tag("cache", "gopher.responses").gauge().value()).isEqualTo(1);
        assertThat(meters.get("burrow.cache.weight").tag("cache", "zim.clusters").gauge().value()).isEqualTo(60);
        assertThat(meters.get("burrow.cache.weight.max").tag("cache", "zim.clusters").gauge().value()).isEqualTo(100);
        assertThat(meters.find("burrow.cache.weight").tag("cache", "gopher.responses").gauge())
                .as("only weighted caches have a weight").isNull();
    }

    @Test
    void overrideSpecReplacesTheDefault() {
        CacheRegistry registry = new CacheRegistry("gopher.responses=maximumSize=1", now::get, null);
        Cache<String, String> c = registry.forModule("gopher").cache("responses", "maximumSize=1000");
        assertThat(c.policy().eviction().orElseThrow().getMaximum()).isEqualTo(1);
    }

    @Test
    void weightedCacheUsesTheWeigher() {
        CacheRegistry registry = new CacheRegistry(null, now::get, null);
        Cache<String, byte[]> c = registry.forModule("zim").weightedCache("clusters", "maximumWeight=100",
                (String k, byte[] v) -> v.length);
        c.put("a", new byte[60]);
        c.put("b", new byte[60]);
        c.cleanUp();
        assertThat(c.policy().eviction().orElseThrow().weightedSize().orElseThrow()).isLessThanOrEqualTo(100);
    }

    @Test
    void badOverrideIsAConfigurationError() {
        assertThatThrownBy(() -> new CacheRegistry("gopher.responses=maximumSize=x", now::get, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("BURROW_CACHE_SPECS");
        assertThatThrownBy(() -> new CacheRegistry("nonsense", now::get, null)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void sameNameTwiceFails() {
        CacheRegistry registry = new CacheRegistry(null, now::get, null);
        registry.forModule("m").cache("c", "maximumSize=1");
        assertThatThrownBy(() -> registry.forModule("m").cache("c", "maximumSize=1"))
                .isInstanceOf(IllegalStateException.class);
    }
}
