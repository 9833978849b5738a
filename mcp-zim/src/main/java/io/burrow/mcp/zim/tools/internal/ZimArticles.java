package io.burrow.mcp.zim.tools.internal;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.zim.Entry;
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

/**
 * Reading entries: the rendered articles (cached per archive opening and path, dropped when the archive is
 * retired), {@code zim_get} (views, paging, batches, binary entries), {@code zim_get_section} and {@code zim_links}.
 */
public final class ZimArticles {

    static final int MAX_BATCH = 50;

    static final int MAX_HTML_BYTES = 32 << 20;

    static final int DEFAULT_SUMMARY_CHARS = 1500;

    private final ArchiveLibrary library;

    private final ZimSettings settings;

    private final Cache<String, Article> articles;
    private final ZimTelemetry telemetry;

    /**
     * @param articles the cache of rendered articles, or null for none
     * @param telemetry traces and times each render
     */
    public ZimArticles(ArchiveLibrary library, ZimSettings settings, Cache<String, Article> articles,
            ZimTelemetry telemetry) {
        this.telemetry = telemetry;
        this.library = library;
        this.settings = settings;
        this.articles = articles;
        if (articles != null) { // a retired archive's articles are never asked for again: drop them now
            library.onRetire(l -> articles.asMap().keySet().removeIf(k -> k.startsWith(articleKeyPrefix(l))));
        }
    }

    private static String articleKeyPrefix(LoadedArchive l) {
        return l.name() + '\u0000' + l.stamp() + '\u0000';
    }

    /** Statistics of the article cache, or null when articles are not cached. */
    ZimResults.ArticleCacheStats cacheStats() {
        if (articles == null) {
            return null;
        }
        var st = articles.stats();
        return new ZimResults.ArticleCacheStats(articles.estimatedSize(), st.hitCount(), st.missCount());
    }

    /** The rendered article of an HTML entry (cached per archive version and path). */
    Article article(LoadedArchive l, Entry target) {
        String path = Entries.publicPath(l.archive(), target);
        if (articles == null) {
            return telemetry.render(() -> render(l, target, path));
        }
        return articles.get(articleKeyPrefix(l) + path, k -> telemetry.render(() -> render(l, target, path)));
    }

    private static Article render(LoadedArchive l, Entry target, String path) {
        return ArticleParser.parse(text(l, target), path, new ArchiveEntryResolver(l.archive()),
                p -> PathCodec.entryUri(l.name(), p), CallScope.checkpoint());
    }

    /** The entry's content as UTF-8 text, up to {@value #MAX_HTML_BYTES} bytes. */
    private static String text(LoadedArchive l, Entry target) {
        Item item = target.item();
        if (item.size() > MAX_HTML_BYTES) {
            throw new BurrowException(ErrorCodes.TOO_LARGE, "The entry is too large to render (" + item.size()
                    + " bytes)", "Read it raw as the resource "
                    + PathCodec.entryUri(l.name(), Entries.publicPath(l.archive(), target)));
        }
        return new String(item.content(), StandardCharsets.UTF_8);
    }

    /** Parameters of one {@code zim_get} entry. */
    record GetParams(String view, int maxChars, int offset, boolean binary) {
    }

    ZimResults.EntryResult get(LoadedArchive l, Entries.Resolved r, GetParams p) {
        ZimArchive a = l.archive();
        Entry t = r.target();
        Item item = t.item();
        String mime = item.mimeType();
        String path = Entries.publicPath(a, t);
        String kind = Entries.isHtml(mime) ? "article" : Entries.isText(mime) ? "text" : "binary";
        String from = r.redirectedFrom(a);
        if (kind.equals("binary") || p.binary()) {
            String uri = PathCodec.entryUri(l.name(), path);
            if (!p.binary()) {
                return new ZimResults.BinaryEntry(kind, l.name(), path, from, mime, item.size(), null,
                        "Binary entry: pass binary=true for its bytes (base64), or read the resource " + uri, null);
            }
            if (item.size() > settings.maxBinaryBytes()) {
                return new ZimResults.BinaryEntry(kind, l.name(), path, from, mime, item.size(), true, "Larger than the "
                        + settings.maxBinaryBytes() + "-byte limit for base64 content; read the resource " + uri, null);
            }
            return new ZimResults.BinaryEntry(kind, l.name(), path, from, mime, item.size(), null, null,
                    Base64.getEncoder().encodeToString(item.content()));
        }
        View v = new View(kind, l.name(), path, from, mime, p.view(), t.title());
        if (kind.equals("text")) {
            String text = text(l, t);
            return switch (p.view()) {
                case "toc", "structure" -> v.toc(List.of(), text.length());
                case "summary" -> v.window(text, 0, Math.min(p.maxChars(), DEFAULT_SUMMARY_CHARS));
                default -> v.window(text, p.offset(), p.maxChars());
            };
        }
        Article art = article(l, t);
        int total = art.markdown().length();
        return switch (p.view()) {
            case "summary" -> new ZimResults.EntryText(kind, l.name(), path, from, mime, p.view(), t.title(),
                    art.summary(p.maxChars()), null, total, null, null, art.sections().size());
            case "toc" -> v.toc(toc(art, false), total);
            case "structure" -> {
                int words = 0;
                for (Section s : art.sections()) {
                    words += s.wordCount();
                }
                int lead = Sections.words(art.markdown(), 0, art.leadEnd());
                yield new ZimResults.EntryStructure(kind, l.name(), path, from, mime, p.view(), t.title(), lead,
                        lead + words, total, toc(art, true));
            }
            default -> v.window(art.markdown(), p.offset(), p.maxChars());
        };
    }

    /** What every view of a text entry starts with. */
    private record View(String kind, String archive, String path, String from, String mime, String view,
            String title) {

        ZimResults.EntryText window(String text, int offset, int max) {
            Slice s = Slice.of(text, offset, max);
            return new ZimResults.EntryText(kind, archive, path, from, mime, view, title, s.text(), s.start(),
                    s.total(), s.truncated(), s.next(), null);
        }

        ZimResults.EntryToc toc(List<ZimResults.TocRow> sections, int totalChars) {
            return new ZimResults.EntryToc(kind, archive, path, from, mime, view, title, sections, totalChars);
        }
    }

    private static List<ZimResults.TocRow> toc(Article art, boolean counts) {
        List<ZimResults.TocRow> out = new ArrayList<>();
        for (Section s : art.sections()) {
            out.add(new ZimResults.TocRow(s.id(), s.title(), s.level(), s.parentId(),
                    counts ? s.wordCount() : null, counts ? s.charCount() : null));
        }
        return out;
    }

    /** {@code zim_get} over several paths: each result or error in input order. */
    ZimResults.Batch batch(LoadedArchive l, List<String> paths, GetParams p) {
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
        return new ZimResults.Batch(l.name(), results);
    }

    ZimResults.SectionText section(LoadedArchive l, Entries.Resolved r, String sectionId, int maxChars, int offset,
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
        return new ZimResults.SectionText(l.name(), Entries.publicPath(a, t), r.redirectedFrom(a), t.title(), s.id(),
                s.title(), s.level(), s.parentId(), children, w.text(), w.start(), w.total(),
                Sections.words(art.markdown(), s.start(), end), w.truncated(), w.next());
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

    ZimResults.Links links(LoadedArchive l, Entries.Resolved r, String direction, Link.Kind kind, int offset, int limit) {
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
        List<Object> rows = new ArrayList<>();
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
                rows.add(new ZimResults.RelatedArticle(e.getKey(), title, e.getValue()[0]));
            }
        } else {
            for (Link link : art.links()) {
                if (kind != null && link.kind() != kind) {
                    continue;
                }
                rows.add(new ZimResults.OutboundLink(link.kind().name().toLowerCase(Locale.ROOT), link.text(), link.path(),
                        link.kind() == Link.Kind.EXTERNAL || link.path() == null ? link.href() : null));
            }
        }
        int from = Math.min(offset, rows.size());
        int to = Math.min(rows.size(), from + limit);
        return new ZimResults.Links(l.name(), path, r.redirectedFrom(a), direction,
                kind == null ? null : kind.name().toLowerCase(Locale.ROOT), totals, rows.size(), from, to - from,
                rows.subList(from, to), to < rows.size() ? to : null);
    }
}
