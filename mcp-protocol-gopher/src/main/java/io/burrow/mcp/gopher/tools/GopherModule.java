package io.burrow.mcp.gopher.tools;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.fetch.RobotsGate;
import io.burrow.mcp.gopher.GopherResult;
import io.burrow.mcp.core.fetch.Upstream;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.gopher.internal.GopherFetcher;
import io.burrow.mcp.gopher.tools.internal.GopherResources;
import io.burrow.mcp.gopher.tools.internal.GopherTools;
import java.util.List;

/**
 * The Gopher backend: the tools {@code gopher_fetch} and {@code gopher_batch_fetch}, {@code gopher://}
 * resources, and a {@link io.burrow.mcp.gopher.GopherClient} for embedders ({@code server.client("gopher")}). Configured by
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

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        GopherSettings s = context.settings(GopherSettings.class);
        Upstream upstream = Upstream.create(s.network(), context);
        RobotsGate robots = RobotsGate.create(s.robots(), s.robotsUnavailable(), List.of(), context.ticker());
        Cache<String, GopherResult> documents = s.network().caching()
                ? context.caches().weightedCache("documents", "maximumWeight=" + GopherFetcher.DOCUMENTS_WEIGHT
                        + ",expireAfterWrite=" + s.network().cacheTtlSeconds() + "s", GopherFetcher::weight)
                : null;
        GopherFetcher fetcher = new GopherFetcher(s, upstream, robots, documents, context.clock());
        out.client(fetcher);
        out.resources(new GopherResources(fetcher));
        io.burrow.mcp.gopher.tools.internal.GopherPrompts.all().forEach(out::prompt);
        GopherTools tools = new GopherTools(fetcher, context.executor());
        tools.all().forEach(out::tool);
        out.instructions(GopherTools.INSTRUCTIONS);
        out.health(upstream::health);
    }
}
