package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.zim.ClusterCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The ZIM backend's telemetry, kept to hooks around search and rendering: the spans {@code zim search} and
 * {@code zim render} (children of the request's span), their latency ({@code burrow.zim.search.duration},
 * {@code burrow.zim.render.duration}), and gauges of the archives served and unreadable and of the cluster
 * cache. Nothing is recorded when the server has no telemetry.
 */
public final class ZimTelemetry {

    private static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5)};

    private final Tracer tracer;
    private final Timer search;
    private final Timer render;

    private ZimTelemetry(Telemetry telemetry, ArchiveLibrary library) {
        this.tracer = telemetry.tracing() ? telemetry.openTelemetry().getTracer("io.burrow.mcp.zim") : null;
        MeterRegistry registry = telemetry.meterRegistry().orElse(null);
        if (registry == null) {
            search = null;
            render = null;
            return;
        }
        search = Timer.builder("burrow.zim.search.duration").description("ZIM searches run for zim_search "
                + "(calls not answered from the result cache), snippets included")
                .serviceLevelObjectives(BUCKETS).register(registry);
        render = Timer.builder("burrow.zim.render.duration").description("ZIM articles rendered from HTML to Markdown "
                + "(cache misses of the articles cache)").serviceLevelObjectives(BUCKETS).register(registry);
        Gauge.builder("burrow.zim.archives", library, l -> l.all().size()).description("ZIM archives, by state")
                .tag("state", "served").register(registry);
        Gauge.builder("burrow.zim.archives", library, l -> l.failures().size()).description("ZIM archives, by state")
                .tag("state", "unreadable").register(registry);
        ClusterCache clusters = library.clusterCache();
        Gauge.builder("burrow.zim.cluster_cache.bytes", clusters, ClusterCache::weightedSize).baseUnit("bytes")
                .description("Decompressed ZIM clusters held in memory").register(registry);
        Gauge.builder("burrow.zim.cluster_cache.max", clusters, ClusterCache::maxBytes).baseUnit("bytes")
                .description("The cluster cache's budget").register(registry);
        FunctionCounter.builder("burrow.zim.cluster_cache.requests", clusters, ClusterCache::hitCount)
                .description("Cluster lookups, by result (hit ratio: hit / (hit + miss))").tag("result", "hit")
                .register(registry);
        FunctionCounter.builder("burrow.zim.cluster_cache.requests", clusters, ClusterCache::missCount)
                .description("Cluster lookups, by result (hit ratio: hit / (hit + miss))").tag("result", "miss")
                .register(registry);
    }

    /** The hooks for a server's telemetry (no-ops without it). */
    public static ZimTelemetry of(Telemetry telemetry, ArchiveLibrary library) {
        return new ZimTelemetry(telemetry, library);
    }

    /**
     * Searches through {@code work}, traced ({@code zim search}) and timed: the searches run, not the calls answered
     * from the result cache.
     */
    <T> T search(Supplier<T> work) {
        return tracer == null && search == null ? work.get() : measured("zim search", search, work);
    }

    /** Renders through {@code work}, traced ({@code zim render}) and timed. */
    <T> T render(Supplier<T> work) {
        return tracer == null && render == null ? work.get() : measured("zim render", render, work);
    }

    private <T> T measured(String name, Timer timer, Supplier<T> work) {
        long t0 = System.nanoTime();
        Span span = tracer == null ? null : tracer.spanBuilder(name).startSpan();
        try (Scope ignored = span == null ? null : span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            if (span != null) {
                span.setAttribute(ERROR_TYPE, e instanceof BurrowException b ? b.code() : e.getClass().getName());
                span.setStatus(StatusCode.ERROR);
            }
            throw e;
        } finally {
            if (span != null) {
                span.end();
            }
            if (timer != null) {
                timer.record(Duration.ofNanos(System.nanoTime() - t0));
            }
        }
    }
}
