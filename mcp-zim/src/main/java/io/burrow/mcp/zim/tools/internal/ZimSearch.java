package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.net.Deadline;
import java.time.Duration;
import io.burrow.mcp.core.fetch.FetchScope;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.ZimErrors;
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
public final class ZimSearch {

    private static final Logger LOG = LoggerFactory.getLogger(ZimSearch.class);
    static final int MAX_TITLE_CANDIDATES = 200;

    private final ArchiveLibrary library;
    private final ZimSettings settings;
    private final ExecutorService executor;

    /** @param executor runs the per-archive searches of a cross-archive search */
    public ZimSearch(ArchiveLibrary library, ZimSettings settings, ExecutorService executor) {
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

        /** The same parameters in archive {@code name}. */
        SearchParams in(String name) {
            return new SearchParams(query, mode, name, crossFile, namespace, contentType, offset, limit);
        }

        static SearchParams fromCursor(ObjectNode c) {
            String ns = c.path("ns").asText(null);
            return new SearchParams(c.path("q").asText(), c.path("m").asText(), c.path("a").asText(null),
                    c.path("x").asBoolean(), ns == null || ns.isEmpty() ? null : ns.charAt(0), c.path("ct").asText(null),
                    Math.max(0, c.path("o").asInt()), Math.max(1, Math.min(SearchRequest.MAX_LIMIT, c.path("l").asInt(10))));
        }
    }

    ZimResults.Search search(SearchParams p) {
        if (p.crossFile()) {
            return crossSearch(p);
        }
        LoadedArchive l = library.resolve(p.archive());
        Page page = searchOne(l, p);
        boolean done = page.rows.size() < p.limit() || p.offset() + page.rows.size() >= page.total;
        String next = done ? null : Cursors.encode(new SearchParams(p.query(), p.mode(), l.name(), false,
                p.namespace(), p.contentType(), p.offset(), p.limit()).cursor(p.offset() + page.rows.size()));
        return new ZimResults.Search(p.mode(), p.query(), l.name(), null, page.total, page.estimate, p.offset(),
                page.rows.size(), page.rows, null, null, next, done);
    }

    /** One archive's page of results. */
    private record Page(long total, boolean estimate, List<ZimResults.SearchRow> rows) {
    }

    private Page searchOne(LoadedArchive l, SearchParams p) {
        return switch (p.mode()) {
            case "title" -> titleSearch(l, p.query(), p.offset(), p.limit());
            case "suggest" -> suggest(l, p.query(), p.offset(), p.limit());
            default -> fulltext(l, p);
        };
    }

    private Page fulltext(LoadedArchive l, SearchParams p) {
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
            r = l.searcher().search(new SearchRequest(p.query(), p.offset(), p.limit(), mode, p.contentType(), ns, true),
                    CallScope.current());
        } catch (NoFulltextIndexException e) {
            throw new BurrowException(ZimErrors.NO_FULLTEXT_INDEX, l.name() + " has no full-text index",
                    "Use mode 'title' or 'suggest', which work without it.");
        }
        List<ZimResults.SearchRow> rows = new ArrayList<>();
        for (SearchHit h : r.results()) { // hit paths are libzim's getPath(), which clients use as entry paths
            rows.add(new ZimResults.SearchRow(null, h.path(), h.title(), h.percent(),
                    h.snippet() == null ? null : markSnippet(h.snippet()), null, null));
        }
        return new Page(r.total(), false, rows);
    }

    /** Snippets mark terms with {@code <b>}: turn that into Markdown bold. */
    static String markSnippet(String s) {
        return s.replace("<b>", "**").replace("</b>", "**");
    }

    private Page suggest(LoadedArchive l, String query, int offset, int limit) {
        SearchResults r = l.searcher().suggest(query, offset, limit, CallScope.current());
        List<ZimResults.SearchRow> rows = new ArrayList<>();
        for (SearchHit h : r.results()) {
            rows.add(new ZimResults.SearchRow(null, h.path(), h.title(), null, null, null, null));
        }
        return new Page(r.total(), false, rows);
    }

    /**
     * Title search: titles equal to the query ignoring case and accents first, then titles starting with it, then
     * suggestions; each target once (redirects resolved, the redirect reported).
     */
    private Page titleSearch(LoadedArchive l, String query, int offset, int limit) {
        ZimArchive a = l.archive();
        String q = query.strip();
        String want = Entries.fold(q);
        Map<String, ZimResults.SearchRow> exact = new LinkedHashMap<>();
        Map<String, ZimResults.SearchRow> prefix = new LinkedHashMap<>();
        Set<String> variants = new LinkedHashSet<>(List.of(q, Entries.capitalize(q), q.toLowerCase(Locale.ROOT),
                q.toUpperCase(Locale.ROOT), titleCase(q)));
        for (String v : variants) {
            a.findByTitlePrefix(v).limit(MAX_TITLE_CANDIDATES).forEach(e -> {
                boolean isExact = Entries.fold(e.title()).equals(want);
                add(a, e, isExact ? "exact" : "prefix", isExact ? exact : prefix, exact, prefix);
            });
        }
        Map<String, ZimResults.SearchRow> suggested = new LinkedHashMap<>();
        try {
            for (SearchHit h : l.searcher().suggest(q, 0, 50, CallScope.current()).results()) {
                Entries.find(a, h.path()).ifPresent(e -> {
                    boolean isExact = Entries.fold(h.title()).equals(want) || Entries.fold(e.title()).equals(want);
                    add(a, e, isExact ? "exact" : "suggest", isExact ? exact : suggested, exact, prefix, suggested);
                });
            }
        } catch (BurrowException e) {
            LOG.debug("no suggestions for title search", e);
        }
        List<ZimResults.SearchRow> all = new ArrayList<>(exact.values());
        all.addAll(prefix.values());
        all.addAll(suggested.values());
        int from = Math.min(offset, all.size());
        return new Page(all.size(), true, all.subList(from, Math.min(all.size(), from + limit)));
    }

    @SafeVarargs
    private static void add(ZimArchive a, Entry e, String match, Map<String, ZimResults.SearchRow> into, Map<String, ZimResults.SearchRow>... seen) {
        Entry target;
        try {
            target = Entries.follow(e);
        } catch (BurrowException ex) {
            return;
        }
        String path = Entries.publicPath(a, target);
        for (Map<String, ZimResults.SearchRow> m : seen) {
            if (m.containsKey(path)) {
                return;
            }
        }
        into.put(path, new ZimResults.SearchRow(null, path, target.title(), null, null, match,
                e.isRedirect() ? Entries.publicPath(a, e) : null));
    }

    private static String titleCase(String s) {
        StringBuilder b = new StringBuilder();
        for (String w : s.split(" ", -1)) {
            b.append(b.length() == 0 ? "" : " ").append(Entries.capitalize(w));
        }
        return b.toString();
    }

    private ZimResults.CrossArchive overBudget(LoadedArchive l) {
        return new ZimResults.CrossArchive(l.name(), null, null, new ZimResults.ErrorInfo(ErrorCodes.TIMEOUT.name(),
                "Not searched within the " + settings.crossFileTimeoutSeconds() + " s budget"));
    }

    private ZimResults.Search crossSearch(SearchParams p) {
        List<LoadedArchive> all = new ArrayList<>(library.current()); // each is checked on its own below
        if (all.isEmpty()) {
            library.resolve(null); // raises the no-archives error
        }
        Deadline budget = Deadline.after(Duration.ofSeconds(settings.crossFileTimeoutSeconds()));
        List<Future<Page>> futures = new ArrayList<>();
        // each archive's search stops by itself at the budget (or when the request ends), not only its wait
        FetchScope scope = CallScope.current().within(budget);
        for (LoadedArchive l : all) {
            futures.add(executor.submit(() -> CallScope.during(scope, () -> library.callOn(l, () -> searchOne(l, p)))));
        }
        List<ZimResults.CrossArchive> archives = new ArrayList<>();
        List<List<ZimResults.SearchRow>> pages = new ArrayList<>();
        long total = 0;
        boolean estimate = false;
        boolean budgetExceeded = false;
        boolean more = false;
        for (int i = 0; i < all.size(); i++) {
            LoadedArchive l = all.get(i);
            ZimResults.CrossArchive summary;
            try {
                Page page = futures.get(i).get(Math.max(0, budget.remaining().toNanos()), TimeUnit.NANOSECONDS);
                total += page.total;
                estimate |= page.estimate;
                more |= page.rows.size() == p.limit() && p.offset() + page.rows.size() < page.total;
                List<ZimResults.SearchRow> rows = new ArrayList<>();
                for (ZimResults.SearchRow r : page.rows) {
                    rows.add(r.in(l.name()));
                }
                pages.add(rows);
                summary = new ZimResults.CrossArchive(l.name(), page.total, rows.size(), null);
            } catch (TimeoutException e) {
                futures.get(i).cancel(true);
                budgetExceeded = true;
                pages.add(List.of());
                summary = overBudget(l);
            } catch (ExecutionException e) {
                pages.add(List.of());
                Throwable c = e.getCause();
                if (c instanceof BurrowException be && be.code().equals(ErrorCodes.TIMEOUT.name()) && budget.expired()) {
                    budgetExceeded = true; // the archive's search stopped itself at the budget
                    archives.add(overBudget(l));
                    continue;
                }
                summary = new ZimResults.CrossArchive(l.name(), null, null, c instanceof BurrowException be
                        ? new ZimResults.ErrorInfo(be.code(), be.getMessage())
                        : new ZimResults.ErrorInfo(ErrorCodes.INTERNAL_ERROR.name(), "Search failed"));
                if (!(c instanceof BurrowException)) {
                    LOG.error("cross-archive search failed in {}", l.name(), c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                CallScope.checkpoint().check(); // CANCELLED or TIMEOUT when the request ended
                throw new BurrowException(ErrorCodes.INTERNAL_ERROR, "Search interrupted");
            }
            archives.add(summary);
        }
        CallScope.checkpoint().check(); // the request ended while the archives were searched: no result to build
        List<ZimResults.SearchRow> merged = new ArrayList<>(); // round robin by rank: every archive's best hits first
        for (int rank = 0; ; rank++) {
            boolean any = false;
            for (List<ZimResults.SearchRow> page : pages) {
                if (rank < page.size()) {
                    merged.add(page.get(rank));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return new ZimResults.Search(p.mode(), p.query(), null, true, total, estimate || budgetExceeded, p.offset(),
                merged.size(), merged, archives, budgetExceeded ? true : null,
                more ? Cursors.encode(p.cursor(p.offset() + p.limit())) : null, !more);
    }
}
