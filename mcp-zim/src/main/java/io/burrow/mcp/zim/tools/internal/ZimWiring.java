package io.burrow.mcp.zim.tools.internal;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.net.RateLimiter;
import io.burrow.mcp.core.spi.CompletionDefinition;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.zim.tools.ZimSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the ZIM backend from its settings and registers its tools, resources, prompts and completions. */
public final class ZimWiring {

    private ZimWiring() {
    }

    /** Opens the archives and contributes everything the ZIM module offers. */
    public static void contribute(ModuleContext context, Contributions out) {
        ZimSettings s = context.settings(ZimSettings.class);
        ArchiveLibrary library = ArchiveLibrary.open(s.directories(), s.demo(), s.clusterCacheBytes(),
                s.watchIntervalSeconds(), context.events()::resourcesChanged, context.scheduler());
        out.onClose(library);
        Cache<String, Article> articles = s.articleCacheChars() == 0 ? null : context.caches().weightedCache("articles",
                "maximumWeight=" + s.articleCacheChars(), (String k, Article a) -> a.markdown().length() + 256);
        ZimTelemetry telemetry = ZimTelemetry.of(context.telemetry(), library);
        ZimService service = new ZimService(library, s, articles, telemetry);
        ZimSearch search = new ZimSearch(library, s, context.executor());
        RateLimiter limiter = s.rateLimitPerMinute() > 0
                ? RateLimiter.perMinute(s.rateLimitPerMinute(), s.rateLimitPerMinute(), context.ticker()) : null;
        new ZimTools(service, search, limiter, s.rateLimitLocal()).all().forEach(t -> out.tool(telemetry.instrument(t)));
        ZimResources resources = new ZimResources(service);
        out.resources(resources);
        new ZimPrompts(service, resources).all().forEach(out::prompt);
        CompletionDefinition.Handler archives = (argument, prefix, ctx) -> switch (argument) {
            case "archive", "zim_file_path" -> resources.archiveNames(prefix);
            case "path", "entry_path" -> resources.entryPaths(ctx.getOrDefault("archive",
                    ctx.get("zim_file_path")), prefix);
            default -> List.of();
        };
        out.completion(CompletionDefinition.forResourceTemplate(ZimResources.ARCHIVE_TEMPLATE, archives));
        out.completion(CompletionDefinition.forResourceTemplate(ZimResources.ENTRY_TEMPLATE, archives));
        out.completion(CompletionDefinition.forPrompt("summarize", archives));
        out.completion(CompletionDefinition.forPrompt("explore", archives));
        out.instructions("""
                ZIM: offline archives (Wikipedia, documentation, Stack Exchange…) read locally. Find articles with \
                zim_search (fulltext for words in the text, title for a known name), read them with zim_get \
                (Markdown; view summary or toc first for long articles, then zim_get_section), follow the zim:// \
                links they contain by passing them as entry_path. zim_health lists the archives (their names go \
                in zim_file_path, which may be omitted when only one is loaded). Long texts are paged: continue \
                with content_offset=next_offset or cursor=next_cursor. zim_query takes a plain-words request when unsure.""");
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
