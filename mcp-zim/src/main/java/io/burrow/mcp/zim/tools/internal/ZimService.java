package io.burrow.mcp.zim.tools.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.IntegrityReport;
import io.burrow.mcp.zim.Item;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.tools.ZimSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the ZIM tools, resources and prompts do, independent of MCP: every method returns a JSON-ready object
 * ({@link Obj}) and throws {@link BurrowException}s with stable codes.
 */
final class ZimService {

    private static final Logger LOG = LoggerFactory.getLogger(ZimService.class);
    static final int MAX_BATCH = 50;
    static final int MAX_HTML_BYTES = 32 << 20;
    static final int DEFAULT_SUMMARY_CHARS = 1500;

    private final ArchiveLibrary library;
    private final ZimSettings settings;
    private final Cache<String, Article> articles;

    private final ZimTelemetry telemetry;

    ZimService(ArchiveLibrary library, ZimSettings settings, Cache<String, Article> articles, ZimTelemetry telemetry) {
        this.telemetry = telemetry;
        this.library = library;
        this.settings = settings;
        this.articles = articles;
        if (articles != null) { // a retired archive's articles are never asked for again: drop them now
            library.onRetire(l -> articles.asMap().keySet().removeIf(k -> k.startsWith(articleKeyPrefix(l))));
        }
    }

    private static String articleKeyPrefix(ArchiveLibrary.Loaded l) {
        return l.name() + '\u0000' + l.stamp() + '\u0000';
    }

    ArchiveLibrary library() {
        return library;
    }

    ZimSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ articles

    /** The rendered article of an HTML entry (cached per archive version and path). */
    Article article(ArchiveLibrary.Loaded l, Entry target) {
        String path = Entries.publicPath(l.archive(), target);
        if (articles == null) {
            return telemetry.render(() -> render(l, target, path));
        }
        return articles.get(articleKeyPrefix(l) + path, k -> telemetry.render(() -> render(l, target, path)));
    }

    private static Article render(ArchiveLibrary.Loaded l, Entry target, String path) {
        return ArticleParser.parse(text(l, target), path, new ArchiveEntryResolver(l.archive()),
                p -> PathCodec.entryUri(l.name(), p));
    }

    /** The entry's content as UTF-8 text, up to {@value #MAX_HTML_BYTES} bytes. */
    private static String text(ArchiveLibrary.Loaded l, Entry target) {
        Item item = target.item();
        if (item.size() > MAX_HTML_BYTES) {
            throw new BurrowException(ErrorCodes.TOO_LARGE, "The entry is too large to render (" + item.size()
                    + " bytes)", "Read it raw as the resource "
                    + PathCodec.entryUri(l.name(), Entries.publicPath(l.archive(), target)));
        }
        return new String(item.content(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ get

    /** Parameters of one {@code zim_get} entry. */
    record GetParams(String view, int maxChars, int offset, boolean binary) {
    }

    Obj get(ArchiveLibrary.Loaded l, Entries.Resolved r, GetParams p) {
        ZimArchive a = l.archive();
        Entry t = r.target();
        Item item = t.item();
        String mime = item.mimeType();
        String path = Entries.publicPath(a, t);
        String kind = Entries.isHtml(mime) ? "article" : Entries.isText(mime) ? "text" : "binary";
        Obj out = Obj.of(kind).with("zim_file_path", l.name()).with("path", path)
                .with("redirected_from", r.redirectedFrom(a)).with("mime_type", mime);
        if (kind.equals("binary") || p.binary()) {
            out.with("size", item.size());
            if (!p.binary()) {
                return out.with("note", "Binary entry: pass binary=true for its bytes (base64), or read the "
                        + "resource " + PathCodec.entryUri(l.name(), path));
            }
            if (item.size() > settings.maxBinaryBytes()) {
                return out.with("truncated", true).with("note", "Larger than the " + settings.maxBinaryBytes()
                        + "-byte limit for base64 content; read the resource " + PathCodec.entryUri(l.name(), path));
            }
            return out.with("data_base64", Base64.getEncoder().encodeToString(item.content()));
        }
        out.with("view", p.view()).with("title", t.title());
        if (kind.equals("text")) {
            String text = text(l, t);
            return switch (p.view()) {
                case "toc", "structure" -> out.with("sections", List.of()).with("total_chars", text.length());
                case "summary" -> window(out, text, 0, Math.min(p.maxChars(), DEFAULT_SUMMARY_CHARS));
                default -> window(out, text, p.offset(), p.maxChars());
            };
        }
        Article art = article(l, t);
        return switch (p.view()) {
            case "summary" -> {
                String s = art.summary(p.maxChars());
                yield out.with("content", s).with("total_chars", art.markdown().length())
                        .with("section_count", art.sections().size());
            }
            case "toc" -> out.with("sections", toc(art, false)).with("total_chars", art.markdown().length());
            case "structure" -> {
                int words = 0;
                for (Section s : art.sections()) {
                    words += s.wordCount();
                }
                int lead = Renderer.words(art.markdown(), 0, art.leadEnd());
                yield out.with("lead_words", lead).with("word_count", lead + words)
                        .with("total_chars", art.markdown().length()).with("sections", toc(art, true));
            }
            default -> window(out, art.markdown(), p.offset(), p.maxChars());
        };
    }

    private static Obj window(Obj out, String text, int offset, int max) {
        Slice s = Slice.of(text, offset, max);
        return out.with("content", s.text()).with("offset", s.start()).with("total_chars", s.total())
                .with("truncated", s.truncated()).with("next_offset", s.next());
    }

    private static List<Obj> toc(Article art, boolean counts) {
        List<Obj> out = new ArrayList<>();
        for (Section s : art.sections()) {
            Obj o = new Obj().with("id", s.id()).with("title", s.title()).with("level", s.level())
                    .with("parent_id", s.parentId());
            if (counts) {
                o.with("word_count", s.wordCount()).with("char_count", s.charCount());
            }
            out.add(o);
        }
        return out;
    }

    /** {@code zim_get} over several paths: each result or error in input order. */
    Obj batch(ArchiveLibrary.Loaded l, List<String> paths, GetParams p) {
        if (paths.size() > MAX_BATCH) {
            throw new InvalidRequestException("Too many entry_paths: " + paths.size() + " (at most " + MAX_BATCH + ")",
                    "Split the paths into batches of at most " + MAX_BATCH + ".");
        }
        int each = Math.max(500, p.maxChars() / Math.max(1, paths.size()));
        GetParams per = new GetParams(p.view(), each, 0, false);
        List<Object> results = new ArrayList<>();
        for (String path : paths) {
            try {
                results.add(get(l, Entries.resolve(l, path), per));
            } catch (BurrowException e) {
                Map<String, Object> body = e.toResultBody();
                body.put("path", path);
                results.add(body);
            }
        }
        return Obj.of("batch").with("zim_file_path", l.name()).with("results", results);
    }

    // ------------------------------------------------------------------ sections

    Obj section(ArchiveLibrary.Loaded l, Entries.Resolved r, String sectionId, int maxChars, int offset,
            boolean subsections) {
        ZimArchive a = l.archive();
        Entry t = r.target();
        if (!Entries.isHtml(t.item().mimeType())) {
            throw new InvalidRequestException("The entry is not an HTML article and has no sections");
        }
        Article art = article(l, t);
        Section s = null;
        for (Section x : art.sections()) {
            if (x.id().equals(sectionId)) {
                s = x;
                break;
            }
        }
        if (s == null) {
            List<String> ids = art.sections().stream().map(Section::id).toList();
            String closest = closest(sectionId, art.sections());
            BurrowException e = new NotFoundException("No section '" + sectionId + "' in " + Entries.publicPath(a, t),
                    ids.isEmpty() ? "This article has no sections; read it with zim_get."
                            : closest != null ? "Closest: '" + closest + "'. The ids are in available_section_ids."
                                    : "The ids are in available_section_ids.");
            e.withDetail("available_section_ids", ids.size() > 200 ? ids.subList(0, 200) : ids);
            if (closest != null) {
                e.withDetail("closest", closest);
            }
            throw e;
        }
        int end = subsections ? s.end() : s.ownEnd();
        String body = art.markdown().substring(s.start(), end);
        Slice w = Slice.of(body, offset, maxChars);
        List<String> children = new ArrayList<>();
        for (Section x : art.sections()) {
            if (s.id().equals(x.parentId())) {
                children.add(x.id());
            }
        }
        return Obj.of("section").with("zim_file_path", l.name()).with("path", Entries.publicPath(a, t))
                .with("redirected_from", r.redirectedFrom(a)).with("title", t.title()).with("section_id", s.id())
                .with("section_title", s.title()).with("level", s.level()).with("parent_id", s.parentId())
                .with("subsections", children).with("content", w.text()).with("offset", w.start())
                .with("total_chars", w.total()).with("word_count", Renderer.words(art.markdown(), s.start(), end))
                .with("truncated", w.truncated()).with("next_offset", w.next());
    }

    /** The section id or title closest to {@code wanted} (edit distance on folded text), or null. */
    static String closest(String wanted, List<Section> sections) {
        String w = Entries.fold(wanted);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (Section s : sections) {
            for (String cand : new String[] {s.id(), s.title()}) {
                String c = Entries.fold(cand);
                int d = c.contains(w) || w.contains(c) ? Math.abs(c.length() - w.length()) / 4 : distance(w, c);
                if (d < bestD) {
                    bestD = d;
                    best = s.id();
                }
            }
        }
        return best != null && bestD <= Math.max(3, w.length() / 2) ? best : null;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 40) {
            return Integer.MAX_VALUE / 2;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ------------------------------------------------------------------ browse

    static final int BROWSE_SCAN_CAP = 100_000;

    Obj browse(ArchiveLibrary.Loaded l, char ns, String prefix, int offset, int position, int limit, boolean assets) {
        ZimArchive a = l.archive();
        int size = a.namespaceSize(ns);
        List<Obj> rows = new ArrayList<>();
        int skipped = 0;
        int scanned = 0;
        int pos = prefix == null || position > 0 ? position : prefixStart(a, ns, prefix);
        boolean hidden = !assets && (ns == 'C' || ns == 'I' || ns == '-');
        boolean inPrefix = false;
        java.util.Iterator<Entry> it = a.namespace(ns, pos).iterator();
        while (it.hasNext() && rows.size() < limit && scanned < BROWSE_SCAN_CAP) {
            Entry e = it.next();
            pos++;
            scanned++;
            if (prefix != null && !e.path().startsWith(prefix)) {
                if (inPrefix) { // paths sharing a prefix are contiguous in path order: the range has ended
                    pos = size;
                    break;
                }
                continue;
            }
            inPrefix = true;
            String mime = null;
            if (!e.isRedirect()) {
                mime = e.item(false).mimeType();
                if (hidden && Entries.isAsset(mime)) {
                    continue;
                }
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            String path = Entries.publicPath(a, e);
            Obj row = new Obj().with("path", path).with("title", e.title().equals(e.path()) ? null : e.title())
                    .with("mime_type", mime);
            if (e.isRedirect()) {
                try {
                    row.with("redirect_to", Entries.publicPath(a, Entries.follow(e)));
                } catch (BurrowException ex) {
                    row.with("redirect_to", "(broken)");
                }
            }
            rows.add(row);
        }
        if (prefix != null && inPrefix && it.hasNext() && !it.next().path().startsWith(prefix)) {
            pos = size; // the next entry is past the prefix range: nothing more to list
        }
        boolean done = pos >= size;
        ObjectNode cursor = null;
        if (!done) {
            cursor = Cursors.start("zim_browse").put("a", l.name()).put("ns", String.valueOf(ns)).put("p", pos)
                    .put("l", limit).put("as", assets);
            if (prefix != null) {
                cursor.put("px", prefix);
            }
        }
        return Obj.of("browse").with("zim_file_path", l.name()).with("namespace", String.valueOf(ns))
                .with("prefix", prefix).with("namespace_total", size).with("returned", rows.size())
                .with("results", rows).with("next_cursor", cursor == null ? null : Cursors.encode(cursor))
                .with("done", done);
    }

    /**
     * The position in namespace {@code ns} of the first path starting with {@code prefix}, found by binary search
     * where the reader offers it (the user namespace), else 0 (the scan then skips to it).
     */
    private static int prefixStart(ZimArchive a, char ns, String prefix) {
        if (a.hasNewNamespaceScheme() && ns != 'C') {
            return 0;
        }
        int first = a.namespace(ns, 0).findFirst().map(Entry::index).orElse(0);
        return a.findByPathPrefix(prefix).findFirst().filter(e -> e.namespace() == ns)
                .map(e -> e.index() - first).orElse(a.namespaceSize(ns));
    }

    // ------------------------------------------------------------------ links

    Obj links(ArchiveLibrary.Loaded l, Entries.Resolved r, String direction, Link.Kind kind, int offset, int limit) {
        ZimArchive a = l.archive();
        Entry t = r.target();
        String path = Entries.publicPath(a, t);
        if (!Entries.isHtml(t.item().mimeType())) {
            throw new InvalidRequestException("The entry is not an HTML article and has no links");
        }
        Article art = article(l, t);
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (Link.Kind k : Link.Kind.values()) {
            totals.put(k.name().toLowerCase(Locale.ROOT), 0);
        }
        for (Link link : art.links()) {
            totals.merge(link.kind().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        List<Obj> rows = new ArrayList<>();
        if (direction.equals("related")) {
            Map<String, int[]> counts = new LinkedHashMap<>();
            Map<String, String> titles = new LinkedHashMap<>();
            for (Link link : art.links()) {
                if (link.kind() == Link.Kind.INTERNAL && link.path() != null && !link.path().equals(path)) {
                    counts.computeIfAbsent(link.path(), k -> new int[1])[0]++;
                    titles.putIfAbsent(link.path(), link.text());
                }
            }
            List<Map.Entry<String, int[]>> ranked = new ArrayList<>(counts.entrySet());
            ranked.sort((x, y) -> Integer.compare(y.getValue()[0], x.getValue()[0])); // stable: first mention first
            for (Map.Entry<String, int[]> e : ranked) {
                String title = Entries.find(a, e.getKey()).map(Entry::title).orElse(titles.get(e.getKey()));
                rows.add(new Obj().with("path", e.getKey()).with("title", title).with("mentions", e.getValue()[0]));
            }
        } else {
            for (Link link : art.links()) {
                if (kind != null && link.kind() != kind) {
                    continue;
                }
                rows.add(new Obj().with("kind", link.kind().name().toLowerCase(Locale.ROOT)).with("text", link.text())
                        .with("path", link.path())
                        .with("href", link.kind() == Link.Kind.EXTERNAL || link.path() == null ? link.href() : null));
            }
        }
        int from = Math.min(offset, rows.size());
        int to = Math.min(rows.size(), from + limit);
        return Obj.of("links").with("zim_file_path", l.name()).with("path", path)
                .with("redirected_from", r.redirectedFrom(a)).with("direction", direction)
                .with("link_kind", kind == null ? null : kind.name().toLowerCase(Locale.ROOT)).with("totals", totals)
                .with("total", rows.size()).with("offset", from).with("returned", to - from)
                .with("results", rows.subList(from, to)).with("next_offset", to < rows.size() ? to : null);
    }

    // ------------------------------------------------------------------ metadata, random, health

    Obj metadata(ArchiveLibrary.Loaded l) {
        ZimArchive a = l.archive();
        Map<String, Object> meta = new TreeMap<>();
        for (String k : a.metadataKeys()) {
            if (k.startsWith("Illustration_") || k.equals("Counter")) {
                continue;
            }
            a.metadata(k).ifPresent(v -> meta.put(k, v.length() > 2000 ? v.substring(0, 2000) + "…" : v));
        }
        Map<String, Object> namespaces = new LinkedHashMap<>();
        for (char ns : a.namespaces()) {
            namespaces.put(String.valueOf(ns), a.namespaceSize(ns));
        }
        String main = null;
        try {
            main = a.mainEntry().map(e -> Entries.publicPath(a, Entries.follow(e))).orElse(null);
        } catch (BurrowException e) {
            LOG.debug("no main page", e);
        }
        return Obj.of("metadata").with("zim_file_path", l.name()).with("uuid", a.uuid().toString())
                .with("metadata", meta).with("counter", a.counter()).with("entry_count", a.entryCount())
                .with("all_entry_count", a.allEntryCount()).with("article_count", a.articleCount())
                .with("media_count", a.mediaCount()).with("namespaces", namespaces)
                .with("has_fulltext_index", l.searcher().hasFulltextIndex())
                .with("has_title_index", l.searcher().hasTitleIndex())
                .with("illustration_sizes", List.copyOf(a.illustrationSizes())).with("has_checksum", a.hasChecksum())
                .with("checksum", a.checksum().orElse(null)).with("new_namespace_scheme", a.hasNewNamespaceScheme())
                .with("is_multipart", a.isMultiPart()).with("size_bytes", a.size()).with("main_page", main);
    }

    Obj random(ArchiveLibrary.Loaded l) {
        ZimArchive a = l.archive();
        if (a.titleIndexSize() == 0 && a.entryCount() == 0) {
            throw new NotFoundException(l.name() + " has no articles");
        }
        Entry e = Entries.follow(a.randomEntry(ThreadLocalRandom.current()));
        String path = Entries.publicPath(a, e);
        Obj out = Obj.of("random").with("zim_file_path", l.name()).with("path", path).with("title", e.title());
        String mime = e.item().mimeType();
        if (Entries.isHtml(mime)) {
            out.with("summary", article(l, e).summary(500));
        }
        return out.with("mime_type", mime);
    }

    Obj health(ArchiveLibrary.Loaded only, boolean verify) {
        if (only != null) {
            ZimArchive a = only.archive();
            Obj out = Obj.of("health").with("zim_file_path", only.name()).with("readable", true)
                    .with("entry_count", a.entryCount()).with("has_fulltext_index", only.searcher().hasFulltextIndex())
                    .with("has_title_index", only.searcher().hasTitleIndex()).with("has_checksum", a.hasChecksum())
                    .with("checksum", a.checksum().orElse(null));
            if (verify) {
                IntegrityReport r = a.checkIntegrity(true);
                List<Obj> failures = new ArrayList<>();
                for (IntegrityReport.Check c : r.failures()) {
                    failures.add(new Obj().with("check", c.name()).with("message", c.message()));
                }
                boolean checksumOk = r.checks().stream().noneMatch(c -> c.name().equals("CHECKSUM") && !c.passed());
                out.with("checksum_valid", a.hasChecksum() ? checksumOk : null).with("integrity_ok", r.passed())
                        .with("failures", failures);
            }
            return out;
        }
        List<Obj> archives = new ArrayList<>();
        for (ArchiveLibrary.Loaded l : library.all()) {
            ZimArchive a = l.archive();
            archives.add(new Obj().with("name", l.name()).with("entry_count", a.entryCount())
                    .with("article_count", a.articleCount()).with("size_bytes", a.size())
                    .with("has_fulltext_index", l.searcher().hasFulltextIndex())
                    .with("has_title_index", l.searcher().hasTitleIndex()));
        }
        List<Obj> failed = new ArrayList<>();
        for (ArchiveLibrary.Failed f : library.failures()) {
            failed.add(new Obj().with("name", f.name()).with("code", f.code().name()));
        }
        var cc = library.clusterCache();
        Obj out = Obj.of("health").with("archives", archives).with("unreadable", failed)
                .with("demo", library.servesDemo())
                .with("directories_configured", library.hasDirectories())
                .with("cluster_cache", new Obj().with("max_bytes", cc.maxBytes()).with("bytes", cc.weightedSize())
                        .with("clusters", cc.size()).with("hits", cc.hitCount()).with("misses", cc.missCount()));
        if (articles != null) {
            var st = articles.stats();
            out.with("article_cache", new Obj().with("articles", articles.estimatedSize()).with("hits", st.hitCount())
                    .with("misses", st.missCount()));
        }
        if (library.hasDirectories()) {
            out.with("directories_readable", library.readableDirectories());
        }
        return out;
    }
}
