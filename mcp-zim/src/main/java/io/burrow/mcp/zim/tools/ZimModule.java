package io.burrow.mcp.zim.tools;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.net.RateLimiter;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.zim.tools.internal.ArchiveLibrary;
import io.burrow.mcp.zim.tools.internal.ResultCache;
import io.burrow.mcp.zim.tools.internal.Article;
import io.burrow.mcp.zim.tools.internal.ZimArchives;
import io.burrow.mcp.zim.tools.internal.ZimArticles;
import io.burrow.mcp.zim.tools.internal.ZimPrompts;
import io.burrow.mcp.zim.tools.internal.ZimResources;
import io.burrow.mcp.zim.tools.internal.ZimSearch;
import io.burrow.mcp.zim.tools.internal.ZimTelemetry;
import io.burrow.mcp.zim.tools.internal.ZimTools;
import io.burrow.mcp.zim.tools.internal.ZimWarmUp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ZIM backend: the tools {@code zim_search}, {@code zim_get}, {@code zim_get_section}, {@code zim_browse},
 * {@code zim_metadata}, {@code zim_links}, {@code zim_random}, {@code zim_query} and {@code zim_health}; the
 * resources {@code zim://files}, {@code zim://{archive}} and {@code zim://{archive}/{+path}}; the prompts {@code research},
 * {@code summarize} and {@code explore}; completions of archive names and entry paths. It serves the archives of
 * {@link ZimSettings#directories()}, or a bundled demo archive when none is configured. Registered for
 * {@link java.util.ServiceLoader} discovery; embedders may also pass {@code new ZimModule()} to
 * {@code BurrowServer.builder().module(…)}.
 */
public final class ZimModule implements BurrowModule {

    private static final String INSTRUCTIONS = """
            ZIM: offline archives (Wikipedia, documentation, Stack Exchange…) read locally. Find articles with \
            zim_search (fulltext for words in the text, title for a known name), read them with zim_get \
            (Markdown; view summary or toc first for long articles, then zim_get_section), follow the zim:// \
            links they contain by passing them as entry_path. zim_health lists the archives (their names go \
            in zim_file_path, which may be omitted when only one is loaded). Long texts are paged: continue \
            with content_offset=next_offset or cursor=next_cursor. zim_query takes a plain-words request when unsure.""";

    /** Creates the module; it does nothing until the server calls {@link #contribute}. */
    public ZimModule() {
        // stateless until contribute
    }

    @Override
    public String name() {
        return "zim";
    }

    @Override
    public List<Class<? extends Record>> settingsGroups() {
        return List.of(ZimSettings.class);
    }

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        ZimSettings s = context.settings(ZimSettings.class);
        ArchiveLibrary library = ArchiveLibrary.open(s.directories(), s.demo(), s.clusterCacheBytes(),
                s.watchIntervalSeconds(), context.events()::resourcesChanged, context.scheduler());
        out.onClose(library);
        Cache<String, Article> cache = s.articleCacheChars() == 0 ? null : context.caches().weightedCache("articles",
                "maximumWeight=" + s.articleCacheChars(), (String k, Article a) -> a.markdown().length() + 256);
        ZimTelemetry telemetry = ZimTelemetry.of(context.telemetry(), library);
        ZimArticles articles = new ZimArticles(library, s, cache, telemetry);
        ZimArchives archives = new ZimArchives(library, articles);
        ZimSearch search = new ZimSearch(library, s, context.executor());
        RateLimiter limiter = s.rateLimitPerMinute() > 0
                ? RateLimiter.perMinute(s.rateLimitPerMinute(), s.rateLimitPerMinute(), context.ticker()) : null;
        ZimWarmUp warmUp = new ZimWarmUp(search);
        ResultCache results = ResultCache.create(context.caches(), s.resultCacheBytes(), library);
        new ZimTools(library, s, articles, archives, search, limiter, results, telemetry).all()
                .forEach(t -> out.tool(warmUp.marking(t)));
        ZimResources resources = new ZimResources(library, articles);
        out.resources(resources);
        new ZimPrompts(library, articles, resources).all().forEach(out::prompt);
        resources.completions().forEach(out::completion);
        out.instructions(INSTRUCTIONS);
        out.warmUp(() -> warmUp.run(library));
        out.health(() -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("archives", library.all().size());
            h.put("unreadable", library.failures().size());
            h.put("demo", library.servesDemo());
            h.put("cluster_cache_bytes", library.clusterCache().weightedSize());
            if (library.all().isEmpty() && !library.failures().isEmpty()) { // /readyz: nothing to serve
                h.put("ready", false);
                h.put("not_ready_reason", "none of the " + library.failures().size() + " ZIM archives could be read");
            }
            return h;
        });
    }
}
