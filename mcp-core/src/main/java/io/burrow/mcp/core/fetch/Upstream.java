package io.burrow.mcp.core.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.net.ConcurrencyLimit;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.RateLimiter;
import io.burrow.mcp.core.net.ResolvedTarget;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.core.spi.ModuleContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.opentelemetry.api.trace.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A network backend's way out to its servers, wired from its {@link NetworkSettings}: the host policy,
 * the per-host rate limit and concurrency cap, the bulkhead (a cap on fetches in flight with a bounded queue), a circuit breaker
 * per upstream host and port, connection retries, the result cache, and {@link #open}, the one path every
 * fetch takes to a socket, so that every backend and every tool gets them. Fetches are traced (child spans
 * of the request's span: {@code <protocol> resolve}, {@code connect}, {@code tls}, {@code read}) and
 * measured ({@code burrow.upstream.*}) when the server has telemetry. Thread-safe.
 *
 * <pre>{@code
 * Upstream upstream = Upstream.create(settings.network(), context);
 * Deadline deadline = scope.deadlineFor(settings.network().timeout());
 * try (Connection c = upstream.open(url.host(), url.port(), deadline, scope.cancellation())) {
 *     c.beforeBlocking();
 *     c.socket().getOutputStream().write(request);
 *     …
 * } catch (IOException e) {
 *     BurrowException cause = c.failure(e);   // TIMEOUT or CANCELLED, else the protocol's own error
 * }
 * }</pre>
 */
public final class Upstream {

    private final NetworkSettings settings;
    private final HostPolicy policy;
    private final RateLimiter rateLimiter;
    private final ConcurrencyLimit concurrency;
    private final HostSlots hostSlots;
    private final ScheduledExecutorService scheduler;
    private final Cache<String, ?> cache;
    private final String protocol;
    private final FetchTelemetry telemetry;
    private final HostBreakers breakers;
    private final IntervalFunction backoff;

    private Upstream(String protocol, NetworkSettings settings, HostPolicy policy, RateLimiter rateLimiter,
            ScheduledExecutorService scheduler, Cache<String, ?> cache, Clock clock, Telemetry telemetry) {
        this.protocol = protocol;
        this.settings = settings;
        this.policy = policy;
        this.rateLimiter = rateLimiter;
        this.concurrency = new ConcurrencyLimit(settings.maxConcurrentRequests(), settings.maxQueuedRequests());
        this.hostSlots = new HostSlots(settings.maxConcurrentPerHost());
        this.scheduler = scheduler;
        this.cache = cache;
        this.telemetry = telemetry.enabled() ? new FetchTelemetry(protocol, telemetry) : FetchTelemetry.NONE;
        this.breakers = settings.breakerFailureThreshold() == 0 ? null
                : new HostBreakers(settings.breakerFailureThreshold(), settings.breakerOpenDuration(), clock, protocol,
                        this.telemetry::transition);
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.retryBackoffMillis(), 2.0, 0.5);
        this.telemetry.publish(concurrency, breakers);
    }

    /**
     * Wires a backend's settings: the host policy with the server's name resolver, the rate limiter on the
     * server's ticker, the concurrency cap, and (when caching) the module's cache {@code responses}.
     */
    public static Upstream create(NetworkSettings settings, ModuleContext context) {
        Objects.requireNonNull(settings, "settings");
        Cache<String, ?> cache = settings.caching()
                ? context.caches().cache("responses", "maximumSize=" + settings.maxCacheEntries()
                        + ",expireAfterWrite=" + settings.cacheTtlSeconds() + "s")
                : null;
        return of(context.module(), settings, context.hostPolicy(settings.networkRules()), cache, context.ticker(),
                context.clock(), context.scheduler(), context.telemetry());
    }

    /**
     * Wires by hand what {@link #create} takes from a module context, for embedders and tests (several
     * upstreams may share one cache, as after a configuration change).
     *
     * @param cache the result cache, or {@code null}
     * @param scheduler closes connections whose deadline passed
     */
    public static Upstream of(NetworkSettings settings, HostPolicy policy, Cache<String, ?> cache, Ticker ticker,
            ScheduledExecutorService scheduler) {
        return of("upstream", settings, policy, cache, ticker, Clock.systemUTC(), scheduler, Telemetry.NONE);
    }

    /**
     * Wires by hand, with the protocol's name (spans, meters, logs), the clock of the circuit breakers and the
     * server's telemetry.
     */
    public static Upstream of(String protocol, NetworkSettings settings, HostPolicy policy, Cache<String, ?> cache,
            Ticker ticker, Clock clock, ScheduledExecutorService scheduler, Telemetry telemetry) {
        RateLimiter limiter = settings.requestsPerMinute() > 0
                ? RateLimiter.perMinute(settings.requestsPerMinute(), settings.requestBurst(), ticker)
                : RateLimiter.unlimited(ticker);
        return new Upstream(Objects.requireNonNull(protocol, "protocol"), settings, policy, limiter, scheduler, cache,
                clock, telemetry);
    }

    /** The settings. */
    public NetworkSettings settings() {
        return settings;
    }

    /** The host policy. */
    public HostPolicy policy() {
        return policy;
    }

    /**
     * The result cache ({@code <module>.responses}), or {@code null} when caching is off. A backend keeps
     * one type of value in it.
     */
    @SuppressWarnings("unchecked")
    public <V> Cache<String, V> cache() {
        return (Cache<String, V>) cache;
    }

    /**
     * Opens a connection: checks the host policy (resolving the name once, within the deadline), asks the
     * host's circuit breaker, waits for one of the host's slots (its concurrency cap), then for a slot of the
     * bulkhead and the host's rate limit, and connects to the
     * checked addresses in turn, again after a refused, reset or unreachable connection while retries and the
     * deadline allow. The connection is closed when the deadline passes or {@code cancellation} fires.
     *
     * @throws io.burrow.mcp.core.BurrowException {@code BLOCKED}, {@code UPSTREAM_UNAVAILABLE} (the host's
     *     breaker is open; with {@code retry_after_seconds}), {@code OVERLOADED} (the bulkhead's queue is full;
     *     with {@code retry_after_seconds}), {@code RATE_LIMITED} (the host's rate or its concurrency cap; with
     *     {@code retry_after_seconds}), {@code TIMEOUT}, {@code FETCH_ERROR} or
     *     {@code CANCELLED}
     */
    public Connection open(String host, int port, Deadline deadline, Cancellation cancellation) {
        cancellation.throwIfCancelled();
        UpstreamCall call = new UpstreamCall(telemetry, host, port, settings.connectRetries(), backoff);
        try {
            Span resolve = telemetry.start("resolve", host, port);
            ResolvedTarget target;
            try {
                target = policy.check(host, port, deadline);
            } catch (RuntimeException e) {
                FetchTelemetry.end(resolve, e);
                throw e;
            }
            FetchTelemetry.end(resolve, null);
            if (breakers != null) {
                call.breaker(breakers.acquire(rateKey(target.host(), target.port())));
            }
            // the host's slot first: a caller waiting for a busy host holds no bulkhead slot, so other hosts go on
            String key = rateKey(target.host(), target.port());
            ConcurrencyLimit.Permit hostPermit = hostSlots.acquire(key, deadline);
            ConcurrencyLimit.Permit permit;
            try {
                ConcurrencyLimit.Permit bulkhead = concurrency.acquire(deadline);
                permit = () -> {
                    try {
                        bulkhead.close();
                    } finally {
                        hostPermit.close();
                    }
                };
            } catch (RuntimeException e) {
                hostPermit.close();
                throw e;
            }
            try {
                rateLimiter.acquire(key, deadline);
                return Connection.open(target, deadline, cancellation, permit, scheduler, call);
            } catch (RuntimeException e) {
                permit.close();
                throw e;
            }
        } catch (RuntimeException e) {
            call.failed(e);
            throw e;
        }
    }

    /** Connections open now to {@code host:port} (what its concurrency cap counts). */
    public int inFlight(String host, int port) {
        return hostSlots.inFlight(rateKey(host, port));
    }

    /** The state of the circuit breaker of {@code host:port}: {@code closed}, {@code open} or {@code half_open}. */
    public String breakerState(String host, int port) {
        return breakers == null ? "closed" : breakers.state(rateKey(host, port));
    }

    /**
     * Checks a cache hit against the rules without resolving, so that a cached answer does not outlive a
     * tightened allowlist or port list.
     */
    public void checkCached(String host, int port) {
        policy.checkWithoutResolving(host, port);
    }

    /** Holds back requests to a host that asked to slow down. */
    public void penalize(String host, int port, Duration duration) {
        rateLimiter.penalize(rateKey(host, port), duration);
    }

    /** The rate-limit key of a host and port: {@code host:port}, an IPv6 host in brackets. */
    public static String rateKey(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The backend's entries of the {@code health} tool: {@code status} ({@code degraded} while a host's breaker
     * is open or the bulkhead's queue is full; the server's status follows), the bulkhead and the breakers.
     */
    public Map<String, Object> health() {
        Map<String, Object> h = new LinkedHashMap<>();
        boolean degraded = concurrency.saturated()
                || breakers != null && breakers.count(CircuitBreaker.State.OPEN) > 0;
        h.put("status", degraded ? "degraded" : "ok");
        h.put("cache_enabled", cache != null);
        h.put("allow_local_hosts", settings.allowLocalHosts());
        h.put("allowed_hosts", settings.allowedHosts().size());
        h.put("rate_limited", settings.requestsPerMinute() > 0);
        Map<String, Object> bulkhead = new LinkedHashMap<>();
        bulkhead.put("max_concurrent", concurrency.limit());
        bulkhead.put("in_flight", concurrency.inFlight());
        bulkhead.put("queued", concurrency.waiting());
        bulkhead.put("overloaded", concurrency.saturated());
        bulkhead.put("rejected_total", concurrency.overloaded());
        h.put("bulkhead", bulkhead);
        Map<String, Object> perHost = new LinkedHashMap<>();
        perHost.put("max_concurrent", hostSlots.limit());
        perHost.put("hosts_busy", hostSlots.hostsTracked());
        perHost.put("hosts_at_limit", hostSlots.hostsAtLimit());
        perHost.put("refused_total", hostSlots.refused());
        h.put("per_host", perHost);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("enabled", breakers != null);
        if (breakers != null) {
            b.put("open", breakers.count(CircuitBreaker.State.OPEN));
            b.put("half_open", breakers.count(CircuitBreaker.State.HALF_OPEN));
            b.put("closed", breakers.count(CircuitBreaker.State.CLOSED));
        }
        h.put("circuit_breakers", b);
        return h;
    }
}
