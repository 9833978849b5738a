package io.burrow.mcp.zim.search;

import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.zim.internal.Checkpoint;
import io.burrow.mcp.zim.search.internal.Bm25;
import io.burrow.mcp.zim.search.internal.GlassDatabase;
import io.burrow.mcp.zim.search.internal.Matcher;
import io.burrow.mcp.zim.search.internal.QueryParser;
import io.burrow.mcp.zim.search.internal.XQuery;
import io.burrow.mcp.zim.search.internal.XapianIndex;
import io.burrow.mcp.zim.search.internal.XapianUnicode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full-text search and suggestions over the Xapian databases embedded in a ZIM archive, read in place.
 *
 * <p>In {@link SearchMode#LIBZIM_COMPATIBLE} mode results, their order and the estimated count are those of
 * libzim 8.1.1; {@link SearchMode#IMPROVED} adds accent folding of the query, exact-title promotion and CJK
 * n-grams (see {@code docs/search.md}). Instances are thread-safe and cheap to keep open: the databases are
 * read with positional reads through a small block cache.
 *
 * <pre>{@code
 * ZimSearcher s = ZimSearcher.open(source);
 * SearchResults r = s.search(SearchRequest.of("zim file"));
 * SearchResults sug = s.suggest("lov", 10);
 * }</pre>
 */
public final class ZimSearcher {

    private static final Logger LOG = LoggerFactory.getLogger(ZimSearcher.class);
    private static final String ANCHOR = "0posanchor ";

    private final SearchSource source;
    private final XapianIndex fulltext;
    private final XapianIndex title;
    /** Entry titles by path (read for every result). */
    private final com.github.benmanes.caffeine.cache.Cache<String, String> titles =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(20_000).build();
    /** Bytes of entry text kept for snippets, over all searchers (a Latin-1 character takes one, others two). */
    static final long TEXT_CACHE_BYTES = 32L << 20;
    /**
     * The visible text of entries, for the snippets of the next searches: one cache for every searcher of the
     * process, so that its bound holds however many archives are open; keys start with the searcher's number.
     */
    private static final com.github.benmanes.caffeine.cache.Cache<String, String> TEXTS =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumWeight(TEXT_CACHE_BYTES)
                    .weigher((String k, String v) -> 64 + k.length() + bytes(v)).build();

    /** The bytes a string's characters take (compact strings: one per character when all are Latin-1). */
    private static int bytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return 2 * s.length();
            }
        }
        return s.length();
    }
    private static final java.util.concurrent.atomic.AtomicLong SEARCHERS = new java.util.concurrent.atomic.AtomicLong();
    /** This searcher's key prefix in {@link #TEXTS}. */
    private final String textKey = SEARCHERS.incrementAndGet() + "\u0000";

    private ZimSearcher(SearchSource source, XapianIndex fulltext, XapianIndex title) {
        this.source = source;
        this.fulltext = fulltext;
        this.title = title;
    }

    /**
     * Opens the indexes embedded in a ZIM archive (read in place; the archive must stay open while the searcher
     * is used).
     */
    public static ZimSearcher open(io.burrow.mcp.zim.ZimArchive archive) {
        return open(new ArchiveSearchSource(archive));
    }

    /**
     * Opens the indexes of an archive. A damaged index is logged and treated as absent (full-text search then
     * fails with {@link NoFulltextIndexException}; suggestions fall back to the title listing).
     */
    public static ZimSearcher open(SearchSource source) {
        Optional<String> lang = Optional.empty();
        try {
            lang = source.metadata("Language");
        } catch (RuntimeException e) {
            LOG.debug("no Language metadata", e);
        }
        return new ZimSearcher(source, openIndex(source.fulltextIndex(), lang, "full-text"),
                openIndex(source.titleIndex(), lang, "title"));
    }

    private static XapianIndex openIndex(Optional<IndexBlob> blob, Optional<String> lang, String what) {
        if (blob.isEmpty()) {
            return null;
        }
        IndexBlob b = blob.get();
        try {
            GlassDatabase db = GlassDatabase.open(b);
            return new XapianIndex(db, lang);
        } catch (IndexFormatException e) {
            LOG.warn("ignoring unreadable {} index: {}", what, e.getMessage(), e);
            return null;
        }
    }

    /** True when the archive has a readable full-text index. */
    public boolean hasFulltextIndex() {
        return fulltext != null;
    }

    /** True when the archive has a readable title (suggestion) index. */
    public boolean hasTitleIndex() {
        return title != null;
    }

    /** The language the full-text index is stemmed for (its {@code language} metadata), or empty. */
    public Optional<String> language() {
        XapianIndex x = fulltext != null ? fulltext : title;
        return x == null || x.language().isEmpty() ? Optional.empty() : Optional.of(x.language());
    }

    // ------------------------------------------------------------------ full text

    /**
     * Full-text search.
     *
     * @throws NoFulltextIndexException if the archive has no full-text index
     * @throws IndexFormatException if the index is damaged
     */
    public SearchResults search(SearchRequest req) {
        return search(req, FetchScope.NONE);
    }

    /**
     * Full-text search within a request's deadline and cancellation: the match loop, the phrase checks and the
     * snippets check {@code scope} every few hundred documents and stop.
     *
     * @throws NoFulltextIndexException if the archive has no full-text index
     * @throws IndexFormatException if the index is damaged
     * @throws io.burrow.mcp.core.BurrowException {@code TIMEOUT} when the scope's deadline passes, {@code CANCELLED}
     *     when it is cancelled
     */
    public SearchResults search(SearchRequest req, FetchScope scope) {
        Checkpoint checkpoint = Checkpoint.of(scope);
        if (fulltext == null) {
            throw new NoFulltextIndexException();
        }
        boolean improved = req.mode() == SearchMode.IMPROVED;
        // diacritics removed, case kept so that OR and AND still work
        String qs = improved ? XapianUnicode.removeMarks(req.query()) : req.query();
        int flags = QueryParser.FLAG_DEFAULT;
        if (improved && indexUsesCjkNgrams(qs)) {
            flags |= QueryParser.FLAG_CJK_NGRAM;
        }
        XQuery q;
        try {
            q = fulltext.parser(QueryParser.Stem.ALL).parse(qs, flags);
        } catch (QueryParser.QueryParserError e) {
            return new SearchResults(req.query(), 0, 0, List.of());
        }
        GlassDatabase db = fulltext.db();
        Matcher.Options opts = Matcher.Options.relevance(Bm25.DEFAULT);
        LongPredicate filter = filter(req);
        if (filter != null) {
            opts = opts.withFilter(filter);
        }
        if (improved) {
            Set<String> exact = exactTitlePaths(req.query(), checkpoint);
            if (!exact.isEmpty()) {
                opts = opts.withPromote(did -> exact.contains(fulltext.path(did, source.newNamespaceScheme())));
            }
        }
        Matcher.Result res = Matcher.run(db, q, opts, req.offset(), req.limit(), checkpoint);
        HitSnippets snippets = req.snippets() ? new HitSnippets(source, TEXTS, textKey, fulltext.stemmer(), q) : null;
        List<SearchHit> hits = new ArrayList<>();
        for (Matcher.Hit h : res.hits()) {
            checkpoint.check(); // a snippet reads and decodes the hit's HTML
            String path = fulltext.path(h.docid(), source.newNamespaceScheme());
            String t = titles.get(path, p -> source.title(p).orElseGet(() -> {
                int slot = fulltext.slot("title");
                return slot >= 0 ? db.value(slot, h.docid()) : p;
            }));
            String snippet = snippets == null ? null : snippets.of(path);
            hits.add(new SearchHit(path, t, h.weight(), res.percent(h.weight()), snippet));
        }
        long estimated = filter != null ? res.matches() : res.estimated();
        return new SearchResults(req.query(), estimated, res.matches(), hits);
    }

    private LongPredicate filter(SearchRequest req) {
        LongPredicate f = null;
        if (req.namespace() != null) {
            char ns = req.namespace();
            f = did -> {
                char c = fulltext.namespace(did);
                return c == ns || (c == 0 && (ns == 'C' || ns == 'A'));
            };
        }
        if (req.mimeTypePrefix() != null) {
            String prefix = req.mimeTypePrefix().toLowerCase(Locale.ROOT);
            LongPredicate m = did -> source.mimeType(fulltext.path(did, source.newNamespaceScheme()))
                    .map(t -> t.toLowerCase(Locale.ROOT).startsWith(prefix)).orElse(false);
            f = f == null ? m : f.and(m);
        }
        return f;
    }

    /** True when a CJK run of the query is not a term but its first character is (an n-gram index). */
    private boolean indexUsesCjkNgrams(String qs) {
        int[] cps = qs.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (XapianUnicode.isCjk(cps[i])) {
                int j = i;
                while (j < cps.length && XapianUnicode.isCjk(cps[j])) {
                    j++;
                }
                String run = XapianUnicode.toLower(new String(cps, i, j - i));
                String first = new String(cps, i, 1);
                if (j - i > 1 && !fulltext.db().termExists(run) && fulltext.db().termExists(first)) {
                    return true;
                }
                i = j;
            }
        }
        return false;
    }

    /** Paths of articles whose title equals the query, ignoring case and accents. */
    private Set<String> exactTitlePaths(String query, Checkpoint checkpoint) {
        String want = XapianUnicode.removeAccents(query).strip();
        Set<String> out = new HashSet<>();
        if (want.isEmpty()) {
            return out;
        }
        if (title != null) {
            try {
                QueryParser p = title.parser(QueryParser.Stem.NONE);
                XQuery anchored = p.parse(ANCHOR + want, QueryParser.FLAG_DEFAULT);
                List<String> terms = XQuery.termsByPosition(anchored);
                List<XQuery> subs = new ArrayList<>();
                for (String t : terms) {
                    subs.add(new XQuery.Term(t, 0, 1));
                }
                XQuery phrase = XQuery.of(XQuery.Op.PHRASE, subs, subs.size());
                int titleSlot = title.slot("title");
                Matcher.Result r = Matcher.run(title.db(), phrase, Matcher.Options.relevance(Bm25.SUGGESTION), 0, 50,
                        checkpoint);
                for (Matcher.Hit h : r.hits()) {
                    String t = titleSlot >= 0 ? title.db().value(titleSlot, h.docid()) : "";
                    if (XapianUnicode.removeAccents(t).strip().equals(want)) {
                        int target = title.slot("targetPath");
                        String path = target >= 0 ? title.db().value(target, h.docid()) : "";
                        out.add(path.isEmpty() ? title.path(h.docid(), source.newNamespaceScheme()) : path);
                    }
                }
                return out;
            } catch (QueryParser.QueryParserError e) {
                return out;
            }
        }
        SearchSource.TitleRange r = source.titlesWithPrefix(query.strip(), 0, 50);
        for (SearchSource.TitleEntry e : r.entries()) {
            if (XapianUnicode.removeAccents(e.title()).strip().equals(want)) {
                out.add(e.path());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ suggestions

    /** Suggestions (titles) for what the user typed so far: the first {@code limit}. */
    public SearchResults suggest(String query, int limit) {
        return suggest(query, 0, limit);
    }

    /**
     * Suggestions as libzim's {@code SuggestionSearcher} makes them: on the title index when there is one, else
     * from the title listing (titles starting with the query).
     */
    public SearchResults suggest(String query, int offset, int limit) {
        return suggest(query, offset, limit, FetchScope.NONE);
    }

    /**
     * Suggestions within a request's deadline and cancellation, as {@link #search(SearchRequest, FetchScope)}.
     *
     * @throws io.burrow.mcp.core.BurrowException {@code TIMEOUT} or {@code CANCELLED} when the scope ends
     */
    public SearchResults suggest(String query, int offset, int limit, FetchScope scope) {
        if (offset < 0 || limit < 0 || limit > SearchRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("offset must be >= 0 and limit in 0.." + SearchRequest.MAX_LIMIT);
        }
        Checkpoint checkpoint = Checkpoint.of(scope);
        checkpoint.check();
        if (title != null) {
            try {
                XQuery q = suggestionQuery(XapianUnicode.removeAccents(query));
                int titleSlot = title.slot("title");
                Matcher.Options o = new Matcher.Options(Bm25.SUGGESTION, titleSlot, title.slot("targetPath"), null,
                        null);
                Matcher.Result res = Matcher.run(title.db(), q, o, offset, limit, checkpoint);
                List<SearchHit> hits = new ArrayList<>();
                for (Matcher.Hit h : res.hits()) {
                    String path = title.path(h.docid(), source.newNamespaceScheme());
                    String t = titles.get(path, p -> source.title(p)
                            .orElseGet(() -> titleSlot >= 0 ? title.db().value(titleSlot, h.docid()) : p));
                    hits.add(new SearchHit(path, t, h.weight(), res.percent(h.weight()), null));
                }
                return new SearchResults(query, res.estimated(), res.matches(), hits);
            } catch (QueryParser.QueryParserError e) {
                // libzim falls back to the title listing when the query does not parse
            }
        }
        if (query.isEmpty()) {
            return new SearchResults(query, 0, 0, List.of());
        }
        SearchSource.TitleRange r = source.titlesWithPrefix(query, offset, limit);
        List<SearchHit> hits = new ArrayList<>();
        for (SearchSource.TitleEntry e : r.entries()) {
            hits.add(new SearchHit(e.path(), e.title(), 0, 0, null));
        }
        return new SearchResults(query, r.total(), r.total(), hits);
    }

    private XQuery suggestionQuery(String q) {
        QueryParser some = title.parser(QueryParser.Stem.SOME);
        XQuery xq = some.parse(q, QueryParser.FLAG_DEFAULT | QueryParser.FLAG_PARTIAL);
        if (!q.isEmpty()) {
            QueryParser none = title.parser(QueryParser.Stem.NONE);
            XQuery phrase = phraseOf(none.parse(q, QueryParser.FLAG_DEFAULT));
            XQuery anchored = phraseOf(none.parse(ANCHOR + q, QueryParser.FLAG_DEFAULT));
            xq = XQuery.of(XQuery.Op.OR, xq, phrase);
            xq = XQuery.of(XQuery.Op.OR, xq, anchored);
        }
        return xq;
    }

    private static XQuery phraseOf(XQuery parsed) {
        if (parsed == null) {
            return null;
        }
        List<XQuery> subs = new ArrayList<>();
        for (String t : XQuery.termsByPosition(parsed)) {
            subs.add(new XQuery.Term(t, 0, 1));
        }
        return XQuery.of(XQuery.Op.PHRASE, subs, XQuery.length(parsed));
    }
}
