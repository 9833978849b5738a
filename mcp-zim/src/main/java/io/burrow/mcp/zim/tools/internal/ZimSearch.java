package io.burrow.mcp.zim.tools.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.search.NoFulltextIndexException;
import io.burrow.mcp.zim.search.SearchHit;
import io.burrow.mcp.zim.search.SearchMode;
import io.burrow.mcp.zim.search.SearchRequest;
import io.burrow.mcp.zim.search.SearchResults;
import io.burrow.mcp.zim.tools.ZimSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code zim_search}: full text (libzim's ranking, snippets), title search and suggestions, in one archive or across
 * all of them within a time budget.
 */
final class ZimSearch {

    private static final Logger LOG = LoggerFactory.getLogger(ZimSearch.class);
    static final int MAX_TITLE_CANDIDATES = 200;

    private final ArchiveLibrary library;
    private final ZimSettings settings;
    private final ExecutorService executor;

    ZimSearch(ArchiveLibrary library, ZimSettings settings, ExecutorService executor) {
        this.library = library;
        this.settings = settings;
        this.executor = executor;
    }

    /** Parameters of {@code zim_search}, after the cursor was applied. */
    record SearchParams(String query, String mode, String archive, boolean crossFile, Character namespace,
            String contentType, int offset, int limit) {

        ObjectNode cursor(int nextOffset) {
            ObjectNode c = Cursors.start("zim_search");
            c.put("q", query).put("m", mode).put("o", nextOffset).put("l", limit).put("x", crossFile);
            if (archive != null) {
                c.put("a", archive);
            }
            if (namespace != null) {
                c.put("ns", String.valueOf(namespace));
            }
            if (contentType != null) {
                c.put("ct", contentType);
            }
            return c;
        }

        static SearchParams fromCursor(ObjectNode c) {
            String ns = c.path("ns").asText(null);
            return new SearchParams(c.path("q").asText(), c.path("m").asText(), c.path("a").asText(null),
                    c.path("x").asBoolean(), ns == null || ns.isEmpty() ? null : ns.charAt(0), c.path("ct").asText(null),
                    Math.max(0, c.path("o").asInt()), Math.max(1, Math.min(SearchRequest.MAX_LIMIT, c.path("l").asInt(10))));
        }
    }

    Obj search(SearchParams p) {
        if (p.crossFile()) {
            return crossSearch(p);
        }
        ArchiveLibrary.Loaded l = library.resolve(p.archive());
        Page page = searchOne(l, p);
        Obj out = Obj.of("search").with("mode", p.mode()).with("query", p.query()).with("zim_file_path", l.name())
                .with("total", page.total).with("total_is_estimate", page.estimate).with("offset", p.offset())
                .with("returned", page.rows.size()).with("results", page.rows);
        boolean done = page.rows.size() < p.limit() || p.offset() + page.rows.size() >= page.total;
        return out.with("next_cursor", done ? null : Cursors.encode(
                new SearchParams(p.query(), p.mode(), l.name(), false, p.namespace(), p.contentType(), p.offset(),
                        p.limit()).cursor(p.offset() + page.rows.size()))).with("done", done);
    }

    /** One archive's page of results. */
    private record Page(long total, boolean estimate, List<Obj> rows) {
    }

    private Page searchOne(ArchiveLibrary.Loaded l, SearchParams p) {
        return switch (p.mode()) {
            case "title" -> titleSearch(l, p.query(), p.offset(), p.limit());
            case "suggest" -> suggest(l, p.query(), p.offset(), p.limit());
            default -> fulltext(l, p);
        };
    }

    private Page fulltext(ArchiveLibrary.Loaded l, SearchParams p) {
        ZimArchive a = l.archive();
        Character ns = p.namespace();
        if (ns != null && a.hasNewNamespaceScheme()) {
            if (ns != 'C') {
                return new Page(0, false, List.of());
            }
            ns = null;
        }
        SearchMode mode = settings.searchMode() == ZimSettings.SearchModeSetting.LIBZIM ? SearchMode.LIBZIM_COMPATIBLE
                : SearchMode.IMPROVED;
        SearchResults r;
        try {
            r = l.searcher().search(new SearchRequest(p.query(), p.offset(), p.limit(), mode, p.contentType(), ns, true));
        } catch (NoFulltextIndexException e) {
            throw new BurrowException(NoFulltextIndexException.CODE, l.name() + " has no full-text index",
                    "Use mode 'title' or 'suggest', which work without it.");
        }
        List<Obj> rows = new ArrayList<>();
        for (SearchHit h : r.results()) { // hit paths are libzim's getPath(), which clients use as entry paths
            rows.add(new Obj().with("path", h.path()).with("title", h.title()).with("score", h.percent())
                    .with("snippet", h.snippet() == null ? null : markSnippet(h.snippet())));
        }
        return new Page(r.total(), false, rows);
    }

    /** Snippets mark terms with {@code <b>}: turn that into Markdown bold. */
    static String markSnippet(String s) {
        return s.replace("<b>", "**").replace("</b>", "**");
    }

    private Page suggest(ArchiveLibrary.Loaded l, String query, int offset, int limit) {
        SearchResults r = l.searcher().suggest(query, offset, limit);
        List<Obj> rows = new ArrayList<>();
        for (SearchHit h : r.results()) {
            rows.add(new Obj().with("path", h.path()).with("title", h.title()));
        }
        return new Page(r.total(), false, rows);
    }

    /**
     * Title search: titles equal to the query ignoring case and accents first, then titles starting with it, then
     * suggestions; each target once (redirects resolved, the redirect reported).
     */
    private Page titleSearch(ArchiveLibrary.Loaded l, String query, int offset, int limit) {
        ZimArchive a = l.archive();
        String q = query.strip();
        String want = Entries.fold(q);
        Map<String, Obj> exact = new LinkedHashMap<>();
        Map<String, Obj> prefix = new LinkedHashMap<>();
        Set<String> variants = new LinkedHashSet<>(List.of(q, Entries.capitalize(q), q.toLowerCase(Locale.ROOT),
                q.toUpperCase(Locale.ROOT), titleCase(q)));
        for (String v : variants) {
            a.findByTitlePrefix(v).limit(MAX_TITLE_CANDIDATES).forEach(e -> {
                boolean isExact = Entries.fold(e.title()).equals(want);
                add(a, e, isExact ? "exact" : "prefix", isExact ? exact : prefix, exact, prefix);
            });
        }
        Map<String, Obj> suggested = new LinkedHashMap<>();
        try {
            for (SearchHit h : l.searcher().suggest(q, 0, 50).results()) {
                Entries.find(a, h.path()).ifPresent(e -> {
                    boolean isExact = Entries.fold(h.title()).equals(want) || Entries.fold(e.title()).equals(want);
                    add(a, e, isExact ? "exact" : "suggest", isExact ? exact : suggested, exact, prefix, suggested);
                });
            }
        } catch (BurrowException e) {
            LOG.debug("no suggestions for title search", e);
        }
        List<Obj> all = new ArrayList<>(exact.values());
        all.addAll(prefix.values());
        all.addAll(suggested.values());
        int from = Math.min(offset, all.size());
        return new Page(all.size(), true, all.subList(from, Math.min(all.size(), from + limit)));
    }

    @SafeVarargs
    private static void add(ZimArchive a, Entry e, String match, Map<String, Obj> into, Map<String, Obj>... seen) {
        Entry target;
        try {
            target = Entries.follow(e);
        } catch (BurrowException ex) {
            return;
        }
        String path = Entries.publicPath(a, target);
        for (Map<String, Obj> m : seen) {
            if (m.containsKey(path)) {
                return;
            }
        }
        into.put(path, new Obj().with("path", path).with("title", target.title()).with("match", match)
                .with("redirect_from", e.isRedirect() ? Entries.publicPath(a, e) : null));
    }

    private static String titleCase(String s) {
        StringBuilder b = new StringBuilder();
        for (String w : s.split(" ", -1)) {
            b.append(b.length() == 0 ? "" : " ").append(Entries.capitalize(w));
        }
        return b.toString();
    }

    private Obj crossSearch(SearchParams p) {
        List<ArchiveLibrary.Loaded> all = new ArrayList<>(library.current()); // each is checked on its own below
        if (all.isEmpty()) {
            library.resolve(null); // raises the no-archives error
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.crossFileTimeoutSeconds());
        List<Future<Page>> futures = new ArrayList<>();
        for (ArchiveLibrary.Loaded l : all) {
            futures.add(executor.submit(() -> library.callOn(l, () -> searchOne(l, p))));
        }
        List<Obj> archives = new ArrayList<>();
        List<List<Obj>> pages = new ArrayList<>();
        long total = 0;
        boolean estimate = false;
        boolean budgetExceeded = false;
        boolean more = false;
        for (int i = 0; i < all.size(); i++) {
            ArchiveLibrary.Loaded l = all.get(i);
            Obj summary = new Obj().with("zim_file_path", l.name());
            try {
                Page page = futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                total += page.total;
                estimate |= page.estimate;
                more |= page.rows.size() == p.limit() && p.offset() + page.rows.size() < page.total;
                List<Obj> rows = new ArrayList<>();
                for (Obj r : page.rows) {
                    Obj row = new Obj().with("zim_file_path", l.name());
                    row.putAll(r);
                    rows.add(row);
                }
                pages.add(rows);
                summary.with("total", page.total).with("returned", rows.size());
            } catch (TimeoutException e) {
                futures.get(i).cancel(true);
                budgetExceeded = true;
                pages.add(List.of());
                summary.with("error", Map.of("code", ErrorCodes.TIMEOUT.name(), "message", "Not searched within the "
                        + settings.crossFileTimeoutSeconds() + " s budget"));
            } catch (ExecutionException e) {
                pages.add(List.of());
                Throwable c = e.getCause();
                summary.with("error", c instanceof BurrowException be ? Map.of("code", be.code(), "message",
                        be.getMessage()) : Map.of("code", ErrorCodes.INTERNAL_ERROR.name(), "message", "Search failed"));
                if (!(c instanceof BurrowException)) {
                    LOG.error("cross-archive search failed in {}", l.name(), c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BurrowException(ErrorCodes.INTERNAL_ERROR, "Search interrupted");
            }
            archives.add(summary);
        }
        List<Obj> merged = new ArrayList<>(); // round robin by rank: every archive's best hits first
        for (int rank = 0; ; rank++) {
            boolean any = false;
            for (List<Obj> page : pages) {
                if (rank < page.size()) {
                    merged.add(page.get(rank));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        Obj out = Obj.of("search").with("mode", p.mode()).with("query", p.query()).with("cross_file", true)
                .with("total", total).with("total_is_estimate", estimate || budgetExceeded).with("offset", p.offset())
                .with("returned", merged.size()).with("results", merged).with("archives", archives)
                .with("budget_exceeded", budgetExceeded ? true : null);
        return out.with("next_cursor", more ? Cursors.encode(p.cursor(p.offset() + p.limit())) : null)
                .with("done", !more);
    }
}
