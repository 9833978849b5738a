package io.burrow.mcp.gopher;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.net.ConcurrencyLimit;
import io.burrow.mcp.core.net.NetworkRules;
import io.burrow.mcp.core.net.RateLimiter;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.gopher.internal.GopherFetcher;
import io.burrow.mcp.gopher.internal.GopherResources;
import io.burrow.mcp.gopher.internal.GopherTools;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Gopher backend: the tools {@code gopher_fetch} and {@code gopher_batch_fetch}, {@code gopher://}
 * resources, and a {@link GopherClient} for embedders ({@code server.client("gopher")}). Configured by
 * {@link GopherSettings}. Registered for {@link java.util.ServiceLoader} discovery; embedders may also
 * pass {@code new GopherModule()} to {@code BurrowServer.builder().module(…)}.
 */
public final class GopherModule implements BurrowModule {

    /** Creates the module; it does nothing until the server calls {@link #contribute}. */
    public GopherModule() {
        // stateless until contribute
    }

    @Override
    public String name() {
        return "gopher";
    }

    @Override
    public List<Class<? extends Record>> settingsGroups() {
        return List.of(GopherSettings.class);
    }

    /** What the settings let fetches connect to. */
    static NetworkRules networkRules(GopherSettings s) {
        return new NetworkRules(s.allowLocalHosts(), s.allowMetadataHosts(), s.allowedHosts(), s.allowedPorts(),
                NetworkRules.DANGEROUS_PORTS);
    }

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        GopherSettings s = context.settings(GopherSettings.class);
        NetworkRules rules = networkRules(s);
        Cache<String, GopherResult> cache = s.cacheEnabled() && s.cacheTtlSeconds() > 0
                ? context.caches().cache("responses", "maximumSize=" + s.maxCacheEntries() + ",expireAfterWrite="
                        + s.cacheTtlSeconds() + "s")
                : null;
        RateLimiter limiter = s.requestsPerMinute() > 0 ? RateLimiter.perMinute(s.requestsPerMinute(), 1, context.ticker())
                : null;
        GopherFetcher fetcher = new GopherFetcher(s, context.hostPolicy(rules), cache, limiter,
                new ConcurrencyLimit(s.maxConcurrentRequests()), context.clock());
        out.client(new GopherClient(fetcher));
        out.resources(new GopherResources(fetcher));
        out.tool(GopherTools.fetchTool(fetcher));
        out.tool(GopherTools.batchTool(fetcher, context.executor(), s.batchConcurrency()));
        out.instructions("""
                Gopher: use gopher_fetch for gopher:// URLs and gopher_batch_fetch for several at once. Start at a \
                server's root menu (gopher://host/) and follow the next_url of menu items; info lines (type i) are \
                plain text. Type-7 items are searches: append ?query to their URL. Text comes back as text (long \
                documents are truncated, truncated=true); binaries come back as size and MIME type only (read them \
                as gopher:// resources for the bytes). Telnet and CSO items (types 8, T, 2) cannot be fetched. \
                Fetches reach external hosts; errors have a stable error.code (INVALID_REQUEST, BLOCKED, \
                FETCH_ERROR, TIMEOUT, TOO_LARGE, NOT_FETCHABLE, RATE_LIMITED) and often a hint.""");
        out.health(() -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("cache_enabled", cache != null);
            h.put("allow_local_hosts", s.allowLocalHosts());
            h.put("allowed_hosts", s.allowedHosts().size());
            h.put("rate_limited", limiter != null);
            return h;
        });
    }
}
