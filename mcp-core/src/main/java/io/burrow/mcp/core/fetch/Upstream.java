package io.burrow.mcp.core.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.burrow.mcp.core.net.ConcurrencyLimit;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.RateLimiter;
import io.burrow.mcp.core.net.ResolvedTarget;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.core.spi.ModuleContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A network backend's way out to its servers, wired from its {@link NetworkSettings}: the host policy,
 * the per-host rate limit, the cap on fetches in flight, the result cache, and {@link #open}, the one
 * path every fetch takes to a socket. Retries, circuit breakers or robots.txt checks belong in
 * {@link #open}, so that every backend and every tool gets them. Thread-safe.
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
    private final ScheduledExecutorService scheduler;
    private final Cache<String, ?> cache;

    private Upstream(NetworkSettings settings, HostPolicy policy, RateLimiter rateLimiter,
            ConcurrencyLimit concurrency, ScheduledExecutorService scheduler, Cache<String, ?> cache) {
        this.settings = settings;
        this.policy = policy;
        this.rateLimiter = rateLimiter;
        this.concurrency = concurrency;
        this.scheduler = scheduler;
        this.cache = cache;
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
        return of(settings, context.hostPolicy(settings.networkRules()), cache, context.ticker(), context.scheduler());
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
        RateLimiter limiter = settings.requestsPerMinute() > 0
                ? RateLimiter.perMinute(settings.requestsPerMinute(), settings.requestBurst(), ticker)
                : RateLimiter.unlimited(ticker);
        return new Upstream(settings, policy, limiter, new ConcurrencyLimit(settings.maxConcurrentRequests()),
                scheduler, cache);
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
     * Opens a connection: checks the host policy (resolving the name once, within the deadline), waits
     * for a concurrency slot and the host's rate limit, and connects to the checked addresses in turn.
     * The connection is closed when the deadline passes or {@code cancellation} fires.
     *
     * @throws io.burrow.mcp.core.BurrowException {@code BLOCKED}, {@code RATE_LIMITED}, {@code TIMEOUT},
     *     {@code FETCH_ERROR} or {@code CANCELLED}
     */
    public Connection open(String host, int port, Deadline deadline, Cancellation cancellation) {
        cancellation.throwIfCancelled();
        ResolvedTarget target = policy.check(host, port, deadline);
        ConcurrencyLimit.Permit permit = concurrency.acquire(deadline);
        try {
            rateLimiter.acquire(rateKey(target.host(), target.port()), deadline);
            return Connection.open(target, deadline, cancellation, permit, scheduler);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
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

    /** The backend's entries of the {@code health} tool. */
    public Map<String, Object> health() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("cache_enabled", cache != null);
        h.put("allow_local_hosts", settings.allowLocalHosts());
        h.put("allowed_hosts", settings.allowedHosts().size());
        h.put("rate_limited", settings.requestsPerMinute() > 0);
        return h;
    }
}
