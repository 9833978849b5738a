package io.burrow.mcp.zim.tools.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.net.RateLimiter;
import io.burrow.mcp.core.spi.Args;
import io.burrow.mcp.core.spi.Content;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolHints;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.zim.search.SearchRequest;
import io.burrow.mcp.zim.tools.ZimSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ZIM tools: argument checks, rate limits and text renderings around the jobs ({@link ZimArticles},
 * {@link ZimArchives}, {@link ZimSearch}, {@link ZimQuery}).
 */
public final class ZimTools {

    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9.+/-]{1,100}");

    private final ArchiveLibrary library;
    private final ZimSettings settings;
    private final ZimArticles articles;
    private final ZimArchives archives;
    private final ZimSearch search;
    private final ZimQuery query;
    private final RateLimiter limiter;
    private final ResultCache results;
    private final ZimTelemetry telemetry;

    /**
     * @param limiter limits expensive calls per client, or null for no limit
     * @param results the results of repeated calls
     * @param telemetry traces and times the searches run
     */
    public ZimTools(ArchiveLibrary library, ZimSettings settings, ZimArticles articles, ZimArchives archives,
            ZimSearch search, RateLimiter limiter, ResultCache results, ZimTelemetry telemetry) {
        this.library = library;
        this.settings = settings;
        this.articles = articles;
        this.archives = archives;
        this.search = search;
        this.query = new ZimQuery(library, articles, archives, search);
        this.limiter = limiter;
        this.results = results;
        this.telemetry = telemetry;
    }

    /** Every ZIM tool. */
    public List<ToolDefinition> all() {
        return List.of(
                tool("zim_search", "Search ZIM archives", """
                        Search offline archives (Wikipedia, docs…): fulltext (default) ranks articles containing \
                        the words, with snippets; title finds an article by name; suggest completes a title. \
                        cross_file searches every archive. Page with cursor; read hits with zim_get.""", ZimSchemas.SEARCH_IN, ZimSchemas.SEARCH_OUT, this::search),
                tool("zim_get", "Read ZIM entries", """
                        Read an entry as Markdown (its zim:// links work as entry_path). view summary gives the \
                        lead, toc the section ids for zim_get_section. Long text is paged: pass next_offset as \
                        content_offset. entry_paths reads up to 50; binary returns base64 bytes.""", ZimSchemas.GET_IN, ZimSchemas.GET_OUT, this::get),
                tool("zim_get_section", "Read one section", """
                        Read one section of an article by its id from zim_get view toc; cheaper than the whole \
                        article. An unknown id lists the ids and the closest.""", ZimSchemas.SECTION_IN,
                        ZimSchemas.SECTION_OUT, this::section),
                tool("zim_browse", "List ZIM entries", """
                        List an archive's entries in path order (namespace C by default; M is metadata), optionally \
                        by path prefix; CSS, scripts, fonts and images hidden unless include_assets.""",
                        ZimSchemas.BROWSE_IN, ZimSchemas.BROWSE_OUT, this::browse),
                tool("zim_metadata", "Archive metadata", """
                        An archive's metadata (title, description, language, creator, date…), counts, namespaces, \
                        main page, index and checksum presence.""", ZimSchemas.ARCHIVE_IN, ZimSchemas.METADATA_OUT,
                        this::metadata),
                tool("zim_links", "Links of an article", """
                        Links of an article: outbound (each link with its text, internal ones resolved to entry \
                        paths; filter by kind internal, external or media) or related (linked articles ranked by \
                        mentions).""", ZimSchemas.LINKS_IN, ZimSchemas.LINKS_OUT, this::links),
                tool("zim_random", "Random article", "A random article with a short summary, for exploring.",
                        ZimSchemas.ARCHIVE_IN, ZimSchemas.RANDOM_OUT, this::random),
                tool("zim_query", "Ask the ZIM archives", """
                        Ask in plain words when unsure which tool fits ('tell me about X', 'search Y', 'toc of X', \
                        'links in X', 'main page', 'random article', 'list archives'): it picks the operation and \
                        answers with its result. The other tools give finer control.""", ZimSchemas.QUERY_IN,
                        ZimSchemas.QUERY_OUT, this::ask),
                tool("zim_health", "ZIM archives loaded", """
                        The archives loaded (names for zim_file_path), their indexes and the caches; with \
                        zim_file_path and verify, checks the archive's checksum and structure.""",
                        ZimSchemas.HEALTH_IN, ZimSchemas.HEALTH_OUT, this::health));
    }

    private ToolDefinition tool(String name, String title, String description, String in, String out,
            io.burrow.mcp.core.spi.ToolHandler handler) {
        return ToolDefinition.builder(name).title(title).description(description.strip()).inputSchema(in)
                .outputSchema(out).hints(ToolHints.READ_ONLY_LOCAL)
                .handler(call -> CallScope.during(FetchScope.of(call), () -> library.call(() -> handler.call(call))))
                .build();
    }

    private void expensive(ToolCall call) {
        if (limiter != null && (call.remote() || settings.rateLimitLocal())) {
            limiter.tryAcquire("zim:" + call.clientId());
        }
    }

    /** The archive and entry path of a call, taking a zim:// URI in {@code entry_path} into account. */
    private record Target(LoadedArchive archive, String entryPath) {
    }

    private Target target(Args args, String entryPath) {
        String archive = args.optString("zim_file_path").orElse(null);
        if (entryPath != null && PathCodec.isZimUri(entryPath)) {
            PathCodec.ZimUri u = PathCodec.parse(entryPath);
            LoadedArchive fromUri = library.resolve(u.archive());
            if (archive != null && library.resolve(archive) != fromUri) {
                throw new InvalidRequestException("entry_path is a URI of another archive than zim_file_path");
            }
            if (u.path() == null) {
                throw new InvalidRequestException("entry_path URI names no entry",
                        "Use zim://ARCHIVE/PATH, or main_page=true for the home page.");
            }
            return new Target(fromUri, u.path());
        }
        return new Target(library.resolve(archive), entryPath);
    }

    // ------------------------------------------------------------------ zim_search

    private ToolResult search(ToolCall call) {
        Args a = call.args();
        ZimSearch.SearchParams p;
        LoadedArchive resolved = null;
        if (a.has("cursor")) {
            ObjectNode c = Cursors.decode(a.string("cursor"), "zim_search");
            p = ZimSearch.SearchParams.fromCursor(c);
            Cursors.agree("query", a.optString("query").orElse(null), p.query());
            Cursors.agree("mode", a.optString("mode").orElse(null), p.mode());
            if (a.has("zim_file_path") && !p.crossFile()) {
                Cursors.agree("zim_file_path", library.resolve(a.string("zim_file_path")).name(), p.archive());
            }
            if (a.has("offset")) {
                throw new InvalidRequestException("Pass either cursor or offset, not both");
            }
        } else {
            String query = a.optString("query").orElseThrow(() -> new InvalidRequestException(
                    "query is required (or a cursor from a previous page)"));
            if (query.isBlank()) {
                throw new InvalidRequestException("query is empty");
            }
            String mode = a.optString("mode").orElse("fulltext");
            boolean cross = a.bool("cross_file", false);
            if (cross && a.has("zim_file_path")) {
                throw new InvalidRequestException("Pass either cross_file or zim_file_path, not both");
            }
            int max = cross ? 50 : mode.equals("fulltext") ? 100 : 50;
            int limit = a.integer("limit", cross ? 5 : 10, 1, max);
            int offset = a.integer("offset", 0, 0, SearchRequest.MAX_LIMIT * 100);
            String ns = a.optString("namespace").orElse(null);
            if (ns != null && ns.length() != 1) {
                throw new InvalidRequestException("namespace must be one character such as C or A");
            }
            String ct = a.optString("content_type").orElse(null);
            if (ct != null && !CONTENT_TYPE.matcher(ct).matches()) {
                throw new InvalidRequestException("content_type must be a MIME type or prefix such as text/html");
            }
            resolved = cross ? null : library.resolve(a.optString("zim_file_path").orElse(null));
            p = new ZimSearch.SearchParams(query, mode, resolved == null ? null : resolved.name(), cross,
                    ns == null ? null : ns.charAt(0), ct, offset, limit);
        }
        if (p.crossFile()) {
            expensive(call);
            ZimSearch.SearchParams cross = p;
            return results.get(ResultCache.key("zim_search", library.all(), p), () -> searchResult(cross),
                    tree -> !tree.has("budget_exceeded") && !tree.path("archives").findValues("error").iterator().hasNext());
        }
        LoadedArchive l = resolved != null ? resolved : library.resolve(p.archive());
        ZimSearch.SearchParams one = p.archive() == null ? p.in(l.name()) : p;
        return results.get(ResultCache.key("zim_search", l, one), () -> searchResult(one));
    }

    private ToolResult searchResult(ZimSearch.SearchParams p) {
        return telemetry.search(() -> {
            ZimResults.Search r = search.search(p);
            return ToolResult.of(r, ZimRendering.search(r));
        });
    }

    // ------------------------------------------------------------------ zim_get

    private ToolResult get(ToolCall call) {
        Args a = call.args();
        int chosen = (a.has("entry_path") ? 1 : 0) + (a.has("entry_paths") ? 1 : 0) + (a.bool("main_page", false) ? 1 : 0);
        if (chosen != 1) {
            throw new InvalidRequestException(chosen == 0 ? "Pass entry_path, entry_paths or main_page=true"
                    : "Pass only one of entry_path, entry_paths and main_page",
                    "Find entry paths with zim_search or zim_browse.");
        }
        String view = a.optString("view").orElse("full");
        boolean binary = a.bool("binary", false);
        int offset = a.integer("content_offset", 0, 0, Integer.MAX_VALUE);
        if (binary && !view.equals("full")) {
            throw new InvalidRequestException("binary=true returns bytes; it cannot be combined with view " + view);
        }
        if (offset > 0 && !view.equals("full")) {
            throw new InvalidRequestException("content_offset pages view full only");
        }
        int defaultMax = view.equals("summary") ? ZimArticles.DEFAULT_SUMMARY_CHARS : settings.maxContentLength();
        ZimArticles.GetParams p = new ZimArticles.GetParams(view, a.integer("max_content_length", defaultMax, 100, 1_000_000),
                offset, binary);
        if (a.has("entry_paths")) {
            if (binary || offset > 0) {
                throw new InvalidRequestException("entry_paths cannot be combined with binary or content_offset",
                        "Read such entries one at a time.");
            }
            List<String> paths = a.strings("entry_paths");
            if (paths.isEmpty()) {
                throw new InvalidRequestException("entry_paths is empty");
            }
            expensive(call);
            LoadedArchive l = library.resolve(a.optString("zim_file_path").orElse(null));
            return results.get(ResultCache.key("zim_get", l, List.of(List.copyOf(paths), p)), () -> {
                ZimResults.Batch r = articles.batch(l, paths, p);
                return ToolResult.of(r, ZimRendering.batch(r));
            }, tree -> !tree.path("results").findValues("error").iterator().hasNext());
        }
        boolean main = a.bool("main_page", false);
        Target t = main ? new Target(library.resolve(a.optString("zim_file_path").orElse(null)), null)
                : target(a, a.string("entry_path"));
        // the main page is keyed apart from every entry path (which cannot contain NUL)
        return results.get(ResultCache.key("zim_get", t.archive(), List.of(main ? "\u0000main" : t.entryPath(), p)),
                () -> getOne(t, p));
    }

    private ToolResult getOne(Target t, ZimArticles.GetParams p) {
        LoadedArchive l = t.archive();
        Entries.Resolved e = t.entryPath() == null ? Entries.main(l) : Entries.resolve(l, t.entryPath());
        ZimResults.EntryResult r = articles.get(l, e, p);
        List<Content> extra = new ArrayList<>();
        if (r instanceof ZimResults.BinaryEntry bin && bin.dataBase64() != null) {
            String mime = bin.mimeType();
            byte[] bytes = java.util.Base64.getDecoder().decode(bin.dataBase64());
            if (mime.startsWith("image/")) {
                extra.add(new Content.Image(mime, bytes));
            } else {
                extra.add(new Content.Resource(ResourceData.blob(PathCodec.entryUri(l.name(), bin.path()), mime,
                        bytes)));
            }
        }
        return new ToolResult(r, ZimRendering.get(r), false, extra);
    }

    // ------------------------------------------------------------------ zim_get_section

    private ToolResult section(ToolCall call) {
        Args a = call.args();
        Target t = target(a, a.string("entry_path"));
        String id = a.string("section_id");
        int max = a.integer("max_chars", settings.maxContentLength(), 100, 1_000_000);
        int offset = a.integer("content_offset", 0, 0, Integer.MAX_VALUE);
        boolean subsections = a.bool("include_subsections", true);
        return results.get(ResultCache.key("zim_get_section", t.archive(), List.of(t.entryPath(), id, max, offset,
                subsections)), () -> {
                    ZimResults.SectionText r = articles.section(t.archive(), Entries.resolve(t.archive(), t.entryPath()),
                            id, max, offset, subsections);
                    return ToolResult.of(r, ZimRendering.section(r));
                });
    }

    // ------------------------------------------------------------------ zim_browse

    private ToolResult browse(ToolCall call) {
        Args a = call.args();
        LoadedArchive l;
        char ns;
        String prefix;
        int offset;
        int position;
        int limit;
        boolean assets;
        if (a.has("cursor")) {
            ObjectNode c = Cursors.decode(a.string("cursor"), "zim_browse");
            l = library.resolve(c.path("a").asText());
            if (a.has("zim_file_path")) {
                Cursors.agree("zim_file_path", library.resolve(a.string("zim_file_path")).name(), l.name());
            }
            if (a.has("offset")) {
                throw new InvalidRequestException("Pass either cursor or offset, not both");
            }
            String n = c.path("ns").asText("C");
            Cursors.agree("namespace", a.optString("namespace").orElse(null), n);
            ns = n.isEmpty() ? 'C' : n.charAt(0);
            prefix = c.path("px").asText(null);
            offset = 0;
            position = Math.max(0, c.path("p").asInt());
            limit = a.integer("limit", Math.max(1, Math.min(500, c.path("l").asInt(50))), 1, 500);
            assets = c.path("as").asBoolean();
        } else {
            l = library.resolve(a.optString("zim_file_path").orElse(null));
            String n = a.optString("namespace").orElse("C");
            if (n.length() != 1) {
                throw new InvalidRequestException("namespace must be one character such as C, M, W or X",
                        "Namespaces of this archive: " + l.archive().namespaces());
            }
            ns = n.charAt(0);
            prefix = a.optString("prefix").filter(x -> !x.isEmpty()).orElse(null);
            offset = a.integer("offset", 0, 0, Integer.MAX_VALUE);
            position = 0;
            limit = a.integer("limit", 50, 1, 500);
            assets = a.bool("include_assets", false);
        }
        return results.get(ResultCache.key("zim_browse", l, java.util.Arrays.asList(ns, prefix, offset, position, limit,
                assets)), () -> ToolResult.of(archives.browse(l, ns, prefix, offset, position, limit, assets)));
    }

    // ------------------------------------------------------------------ the rest

    private ToolResult ask(ToolCall call) {
        Args a = call.args();
        if (!a.has("zim_file_path") && library.all().size() > 1) {
            expensive(call); // it may search every archive
        }
        ZimQuery.Answer r = query.answer(a.string("query"), a.optString("zim_file_path").orElse(null),
                a.integer("max_content_length", 4000, 100, 1_000_000));
        return ToolResult.of(r.structured(), r.text());
    }

    private ToolResult metadata(ToolCall call) {
        LoadedArchive l = library.resolve(call.args().optString("zim_file_path").orElse(null));
        return results.get(ResultCache.key("zim_metadata", l, ""), () -> ToolResult.of(archives.metadata(l)));
    }

    private ToolResult links(ToolCall call) {
        Args a = call.args();
        Target t = target(a, a.string("entry_path"));
        String direction = a.optString("direction").orElse("outbound");
        Link.Kind kind = a.optString("kind").map(k -> Link.Kind.valueOf(k.toUpperCase(Locale.ROOT))).orElse(null);
        int offset = a.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = a.integer("limit", 100, 1, 500);
        return results.get(ResultCache.key("zim_links", t.archive(), java.util.Arrays.asList(t.entryPath(), direction,
                kind, offset, limit)), () -> ToolResult.of(articles.links(t.archive(),
                        Entries.resolve(t.archive(), t.entryPath()), direction, kind, offset, limit)));
    }

    private ToolResult random(ToolCall call) {
        ZimResults.RandomArticle r = archives.random(library.resolve(call.args().optString("zim_file_path")
                .orElse(null)));
        return ToolResult.of(r, ZimRendering.random(r));
    }

    private ToolResult health(ToolCall call) {
        Args a = call.args();
        boolean verify = a.bool("verify", false);
        if (verify && !a.has("zim_file_path") && library.all().size() != 1) {
            throw new InvalidRequestException("verify needs zim_file_path");
        }
        LoadedArchive only = a.has("zim_file_path") || verify
                ? library.resolve(a.optString("zim_file_path").orElse(null)) : null;
        if (verify) {
            expensive(call);
        }
        return ToolResult.of(archives.health(only, verify));
    }
}
