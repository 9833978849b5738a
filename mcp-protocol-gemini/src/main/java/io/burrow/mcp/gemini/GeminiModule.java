package io.burrow.mcp.gemini;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.net.ConcurrencyLimit;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.NetworkRules;
import io.burrow.mcp.core.net.RateLimiter;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Gemini backend: tools {@code gemini_fetch}, {@code gemini_batch_fetch}, {@code gemini_tofu} and
 * {@code gemini_client_cert}, {@code gemini://} resources, and the {@link GeminiClient} for embedders.
 * Configured by {@link GeminiSettings}. Discovered through {@code META-INF/services}; embedders may also
 * pass {@code new GeminiModule()} to {@code BurrowServer.builder().module(…)}.
 */
public final class GeminiModule implements BurrowModule {

    static final String INSTRUCTIONS = """
            Gemini: use gemini_fetch for gemini:// URLs (gemini_batch_fetch for several). A gemtext result lists typed \
            lines and links with absolute URLs: follow a link by fetching its url. Kind 'input' means the page asks a \
            question: fetch the same url again with 'input' (for status 11, a secret such as a password, ask the user). \
            Kind 'certificate' means the capsule wants a client certificate: create one with gemini_client_cert only if \
            the user wants to sign in there. Error CERTIFICATE_CHANGED means the server's certificate differs from the \
            pinned one: tell the user and only call gemini_tofu 'trust' with the new fingerprint once they confirm it. \
            Binary content comes back as type and size only; read it as a gemini:// resource to get the bytes. \
            Fetches reach external hosts.""";

    /** Creates the module; it does nothing until the server calls {@link #contribute}. */
    public GeminiModule() {
    }

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public List<Class<? extends Record>> settingsGroups() {
        return List.of(GeminiSettings.class);
    }

    /** What the settings let fetches connect to. */
    static NetworkRules networkRules(GeminiSettings s) {
        return new NetworkRules(s.allowLocalHosts(), s.allowMetadataHosts(), s.allowedHosts(), s.allowedPorts(),
                NetworkRules.DANGEROUS_PORTS);
    }

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        GeminiSettings s = context.settings(GeminiSettings.class);
        HostPolicy policy = context.hostPolicy(networkRules(s));
        TofuStore tofu = s.tofuEnabled() ? TofuStore.open(s.tofuStoragePath(), context.clock()) : null;
        ClientIdentityStore identities = ClientIdentityStore.open(s.clientCertsStoragePath(), context.clock(),
                s.clientCertValidityDays());
        RateLimiter limiter = s.requestsPerMinute() > 0 ? RateLimiter.perMinute(s.requestsPerMinute(), 1, context.ticker())
                : RateLimiter.unlimited(context.ticker());
        Cache<String, GeminiClient.Cached> cache = s.cacheEnabled() && s.cacheTtlSeconds() > 0
                ? context.caches().cache("responses", "maximumSize=" + s.maxCacheEntries() + ",expireAfterWrite="
                        + s.cacheTtlSeconds() + "s")
                : null;
        GeminiClient client = new GeminiClient(new GeminiClient.Parts(s, policy, tofu, identities, limiter,
                new ConcurrencyLimit(s.maxConcurrentRequests()), cache, context.clock(), context.scheduler(),
                context.logger()));
        for (ToolDefinition tool : new GeminiTools(client, tofu, identities, s, context.executor(), context.logger()).all()) {
            out.tool(tool);
        }
        out.resources(new GeminiResources(client));
        out.client(client);
        out.instructions(INSTRUCTIONS);
        out.health(() -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("tofu_enabled", tofu != null);
            try {
                h.put("tofu_pins", tofu == null ? 0 : tofu.list().size());
            } catch (RuntimeException e) {
                h.put("tofu_pins", "unreadable");
            }
            h.put("client_certs_enabled", s.clientCertsEnabled());
            try {
                h.put("client_identities", identities.list().size());
            } catch (RuntimeException e) {
                h.put("client_identities", "unreadable");
            }
            return h;
        });
    }
}
