package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.CacheHint;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.Item;
import io.burrow.mcp.zim.ZimArchive;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code zim://files} (the archives), {@code zim://{archive}} (an overview: metadata, counts, main-page preview)
 * and {@code zim://{archive}/{+path}} (an entry's raw content with its MIME type).
 */
final class ZimResources implements ResourceProvider {

    static final String FILES = "zim://files";
    static final String ARCHIVE_TEMPLATE = "zim://{archive}";
    static final String ENTRY_TEMPLATE = "zim://{archive}/{+path}";
    private static final int PREVIEW_CHARS = 2000;

    private final ZimService service;

    ZimResources(ZimService service) {
        this.service = service;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(PathCodec.SCHEME);
    }

    @Override
    public List<ResourceInfo> resources() {
        return service.library().call(this::listResources);
    }

    private List<ResourceInfo> listResources() {
        List<ResourceInfo> out = new ArrayList<>();
        out.add(new ResourceInfo(FILES, "files", "ZIM archives", "The archives loaded, with their names and counts",
                "application/json", null));
        for (ArchiveLibrary.Loaded l : service.library().all()) {
            String title = l.archive().metadata("Title").orElse(l.name());
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
        return service.library().call(() -> readResource(uri, limits));
    }

    private ResourceData readResource(String uri, ReadLimits limits) {
        if (uri.equalsIgnoreCase(FILES)) {
            return json(uri, files()).withCache(LISTING);
        }
        return readEntry(uri, limits).withCache(STABLE);
    }

    private ResourceData readEntry(String uri, ReadLimits limits) {
        PathCodec.ZimUri u = PathCodec.parse(uri);
        ArchiveLibrary.Loaded l = service.library().resolve(u.archive());
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

    private Obj files() {
        List<Obj> archives = new ArrayList<>();
        for (ArchiveLibrary.Loaded l : service.library().all()) {
            ZimArchive a = l.archive();
            archives.add(new Obj().with("name", l.name()).with("uri", PathCodec.archiveUri(l.name()))
                    .with("title", a.metadata("Title").orElse(null)).with("language", a.metadata("Language").orElse(null))
                    .with("size_bytes", a.size()).with("entry_count", a.entryCount())
                    .with("article_count", a.articleCount()).with("has_fulltext_index", l.searcher().hasFulltextIndex()));
        }
        return new Obj().with("archives", archives);
    }

    Obj overview(ArchiveLibrary.Loaded l) {
        ZimArchive a = l.archive();
        Obj meta = new Obj();
        for (String k : List.of("Title", "Description", "LongDescription", "Language", "Creator", "Publisher", "Date",
                "Name", "Flavour", "Tags", "Source")) {
            a.metadata(k).ifPresent(v -> meta.with(k, v));
        }
        Obj out = new Obj().with("name", l.name()).with("metadata", meta).with("entry_count", a.entryCount())
                .with("article_count", a.articleCount()).with("media_count", a.mediaCount())
                .with("has_fulltext_index", l.searcher().hasFulltextIndex())
                .with("has_title_index", l.searcher().hasTitleIndex());
        try {
            Entry main = a.mainEntry().orElse(null);
            if (main != null) {
                Entry t = Entries.follow(main);
                String path = Entries.publicPath(a, t);
                out.with("main_page", new Obj().with("path", path).with("uri", PathCodec.entryUri(l.name(), path))
                        .with("title", t.title()).with("preview", Entries.isHtml(t.item().mimeType())
                                ? service.article(l, t).summary(PREVIEW_CHARS) : null));
            }
        } catch (BurrowException e) {
            out.with("main_page", null);
        }
        return out;
    }

    // ------------------------------------------------------------------ completions

    /** Archive names starting with {@code prefix}, ignoring case. */
    List<String> archiveNames(String prefix) {
        return service.library().call(() -> names(prefix));
    }

    private List<String> names(String prefix) {
        String p = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        return service.library().all().stream().map(ArchiveLibrary.Loaded::name)
                .filter(n -> n.toLowerCase(Locale.ROOT).startsWith(p)).limit(100).toList();
    }

    /** Entry paths for {@code prefix}: by title prefix (as typed and capitalised), then by path prefix. */
    List<String> entryPaths(String archive, String prefix) {
        try {
            return service.library().call(() -> paths(archive, prefix));
        } catch (BurrowException e) {
            return List.of(); // (a completion has no error to show)
        }
    }

    private List<String> paths(String archive, String prefix) {
        ArchiveLibrary.Loaded l;
        try {
            l = service.library().resolve(archive);
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
