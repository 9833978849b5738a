package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.CacheHint;
import io.burrow.mcp.core.spi.CompletionDefinition;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.zim.ArchiveSummary;
import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.Item;
import io.burrow.mcp.zim.ZimArchive;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code zim://files} (the archives), {@code zim://{archive}} (an overview: metadata, counts, main-page preview)
 * and {@code zim://{archive}/{+path}} (an entry's raw content with its MIME type).
 */
public final class ZimResources implements ResourceProvider {

    static final String FILES = "zim://files";
    static final String ARCHIVE_TEMPLATE = "zim://{archive}";
    static final String ENTRY_TEMPLATE = "zim://{archive}/{+path}";
    private static final int PREVIEW_CHARS = 2000;

    private final ArchiveLibrary library;
    private final ZimArticles articles;

    /** The {@code zim://} resources of {@code library}. */
    public ZimResources(ArchiveLibrary library, ZimArticles articles) {
        this.library = library;
        this.articles = articles;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(PathCodec.SCHEME);
    }

    @Override
    public List<ResourceInfo> resources() {
        return library.call(this::listResources);
    }

    private List<ResourceInfo> listResources() {
        List<ResourceInfo> out = new ArrayList<>();
        out.add(new ResourceInfo(FILES, "files", "ZIM archives", "The archives loaded, with their names and counts",
                "application/json", null));
        for (LoadedArchive l : library.all()) {
            String title = l.summary().title().orElse(l.name());
            out.add(new ResourceInfo(PathCodec.archiveUri(l.name()), l.name(), title,
                    "Overview: metadata, counts and a preview of the main page", "application/json", null));
        }
        return out;
    }

    @Override
    public List<ResourceTemplateInfo> templates() {
        return List.of(new ResourceTemplateInfo(ARCHIVE_TEMPLATE, "archive", "ZIM archive overview",
                        "Metadata, counts and a preview of the main page of an archive", "application/json"),
                new ResourceTemplateInfo(ENTRY_TEMPLATE, "entry", "ZIM entry",
                        "The raw content of an entry (HTML, images…) with its MIME type", null));
    }

    /** An archive's content does not change while it is served (a replaced file is a new archive). */
    private static final CacheHint STABLE = CacheHint.shared(Duration.ofHours(1));
    /** The list of archives changes when files are added or removed; clients also hear of it. */
    private static final CacheHint LISTING = CacheHint.shared(Duration.ofMinutes(1));

    @Override
    public CacheHint listing() {
        return LISTING;
    }

    @Override
    public ResourceData read(String uri, ReadLimits limits) {
        return library.call(() -> readResource(uri, limits));
    }

    private ResourceData readResource(String uri, ReadLimits limits) {
        if (uri.equalsIgnoreCase(FILES)) {
            return json(uri, files()).withCache(LISTING);
        }
        return readEntry(uri, limits).withCache(STABLE);
    }

    private ResourceData readEntry(String uri, ReadLimits limits) {
        PathCodec.ZimUri u = PathCodec.parse(uri);
        LoadedArchive l = library.resolve(u.archive());
        if (u.path() == null) {
            return json(uri, overview(l));
        }
        Entries.Resolved r = Entries.resolve(l, u.path());
        Item item = r.target().item();
        String mime = item.mimeType();
        if (Entries.isText(mime) || Entries.isHtml(mime)) {
            byte[] bytes = item.content((int) Math.min(limits.maxBytes(), Integer.MAX_VALUE - 16));
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (item.size() > bytes.length && !text.isEmpty() && text.charAt(text.length() - 1) == '\uFFFD') {
                text = text.substring(0, text.length() - 1); // a character cut by the limit
            }
            return ResourceData.text(uri, mime, text);
        }
        if (item.size() > limits.maxBytes()) {
            throw new BurrowException(ErrorCodes.TOO_LARGE, "The entry has " + item.size() + " bytes, more than the "
                    + limits.maxBytes() + " a resource read returns");
        }
        return ResourceData.blob(uri, mime, item.content());
    }

    private static ResourceData json(String uri, Object value) {
        try {
            return ResourceData.text(uri, "application/json", Json.wirePrettyWriter()
                    .writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BurrowException(ErrorCodes.INTERNAL_ERROR, "Could not render the resource");
        }
    }

    private ZimResults.Files files() {
        List<ZimResults.FileRow> archives = new ArrayList<>();
        for (LoadedArchive l : library.all()) {
            ArchiveSummary s = l.summary();
            archives.add(new ZimResults.FileRow(l.name(), PathCodec.archiveUri(l.name()), s.title().orElse(null),
                    s.language().orElse(null), s.sizeBytes(), s.entryCount(), s.articleCount(),
                    s.hasFulltextIndex()));
        }
        return new ZimResults.Files(archives);
    }

    /** The metadata an overview shows, in this order. */
    private static final List<String> OVERVIEW_METADATA = List.of("Title", "Description", "LongDescription",
            "Language", "Creator", "Publisher", "Date", "Name", "Flavour", "Tags", "Source");

    ZimResults.Overview overview(LoadedArchive l) {
        ArchiveSummary s = l.summary();
        Map<String, String> meta = new LinkedHashMap<>();
        for (String k : OVERVIEW_METADATA) {
            String v = s.metadata().get(k);
            if (v != null) {
                meta.put(k, v);
            }
        }
        ZimResults.MainPreview main = null;
        if (s.main() != null) {
            try {
                Entry t = Entries.main(l).target();
                String path = Entries.publicPath(l.archive(), t);
                main = new ZimResults.MainPreview(path, PathCodec.entryUri(l.name(), path), t.title(),
                        Entries.isHtml(t.item().mimeType()) ? articles.article(l, t).summary(PREVIEW_CHARS) : null);
            } catch (BurrowException e) {
                main = null;
            }
        }
        return new ZimResults.Overview(l.name(), meta, s.entryCount(), s.articleCount(), s.mediaCount(),
                s.hasFulltextIndex(), s.hasTitleIndex(), main);
    }

    // ------------------------------------------------------------------ completions

    /**
     * Completions of archive names ({@code archive}, {@code zim_file_path}) and entry paths ({@code path},
     * {@code entry_path}) for the resource templates and the prompts {@code summarize} and {@code explore}.
     */
    public List<CompletionDefinition> completions() {
        CompletionDefinition.Handler archives = (argument, prefix, ctx) -> switch (argument) {
            case "archive", "zim_file_path" -> archiveNames(prefix);
            case "path", "entry_path" -> entryPaths(ctx.getOrDefault("archive", ctx.get("zim_file_path")), prefix);
            default -> List.of();
        };
        return List.of(CompletionDefinition.forResourceTemplate(ARCHIVE_TEMPLATE, archives),
                CompletionDefinition.forResourceTemplate(ENTRY_TEMPLATE, archives),
                CompletionDefinition.forPrompt("summarize", archives),
                CompletionDefinition.forPrompt("explore", archives));
    }

    /** Archive names starting with {@code prefix}, ignoring case. */
    List<String> archiveNames(String prefix) {
        return library.call(() -> names(prefix));
    }

    private List<String> names(String prefix) {
        String p = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        return library.all().stream().map(LoadedArchive::name)
                .filter(n -> n.toLowerCase(Locale.ROOT).startsWith(p)).limit(100).toList();
    }

    /** Entry paths for {@code prefix}: by title prefix (as typed and capitalised), then by path prefix. */
    List<String> entryPaths(String archive, String prefix) {
        try {
            return library.call(() -> paths(archive, prefix));
        } catch (BurrowException e) {
            return List.of(); // (a completion has no error to show)
        }
    }

    private List<String> paths(String archive, String prefix) {
        LoadedArchive l;
        try {
            l = library.resolve(archive);
        } catch (BurrowException e) {
            return List.of();
        }
        ZimArchive a = l.archive();
        String p = prefix == null ? "" : prefix;
        Set<String> out = new LinkedHashSet<>();
        if (!p.isEmpty()) {
            for (String v : new LinkedHashSet<>(List.of(p, Entries.capitalize(p)))) {
                a.findByTitlePrefix(v).limit(50).forEach(e -> out.add(Entries.publicPath(a, e)));
            }
        }
        a.findByPathPrefix(a.hasNewNamespaceScheme() ? p : (p.isEmpty() ? "A/" : p)).limit(100 - Math.min(100, out.size()))
                .forEach(e -> out.add(Entries.publicPath(a, e)));
        return out.stream().limit(100).toList();
    }
}
