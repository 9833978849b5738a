package io.burrow.mcp.gopher.internal;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.fetch.Connection;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.fetch.NetworkSettings;
import io.burrow.mcp.core.fetch.RobotsGate;
import io.burrow.mcp.core.fetch.RobotsTxt;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.fetch.Upstream;
import io.burrow.mcp.gopher.GopherClient;
import io.burrow.mcp.gopher.GopherErrors;
import io.burrow.mcp.gopher.GopherItemType;
import io.burrow.mcp.gopher.GopherResult;
import io.burrow.mcp.gopher.GopherResult.RequestInfo;
import io.burrow.mcp.gopher.GopherUrl;
import io.burrow.mcp.gopher.tools.GopherSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Gopher fetch pipeline shared by the tools, the resources and the public client: parse and
 * check the URL, serve from the cache (after checking the host policy again), else open a connection
 * through the backend's {@link Upstream} (host policy, concurrency slot, rate limit, connect loop) within
 * the fetch's deadline (its timeout, or the request's deadline if earlier), run the exchange, and turn
 * the bytes into a result. A cancelled request closes the connection. Thread-safe.
 */
public final class GopherFetcher implements GopherClient {

    /** The note on binary results. */
    public static final String BINARY_NOTE = "Binary content not returned to preserve context";

    /**
     * Raw bytes of an item, for resource reads.
     *
     * @param data the buffer
     * @param length the valid bytes
     * @param overflow whether the item is larger than the cap
     * @param mimeType the MIME type
     */
    public record RawItem(byte[] data, int length, boolean overflow, String mimeType) {
    }

    private final GopherSettings settings;
    private final NetworkSettings network;
    private final Upstream upstream;
    private final Cache<String, GopherResult> cache;
    private final Clock clock;
    private final GopherUrl.Limits limits;
    private final GopherTransport transport = new GopherTransport();

    private final RobotsGate robots;
    private final Cache<String, GopherResult> documents;

    /** Most menu items parsed from one response (the {@code GOPHER_MAX_MENU_ITEMS} maximum). */
    static final int MAX_PARSED_ITEMS = 1_000_000;

    /**
     * @param robots the robots.txt gate, or {@code null} to ignore robots.txt
     */
    public GopherFetcher(GopherSettings settings, Upstream upstream, RobotsGate robots, Clock clock) {
        this(settings, upstream, robots, null, clock);
    }

    /**
     * @param robots the robots.txt gate, or {@code null} to ignore robots.txt
     * @param documents whole texts and menus longer than one window, from which later windows are cut
     *     (a cache bounded by weight), or {@code null} to hold them in a small cache of the fetcher's own
     *     (when the fetcher caches at all)
     */
    public GopherFetcher(GopherSettings settings, Upstream upstream, RobotsGate robots,
            Cache<String, GopherResult> documents, Clock clock) {
        this.robots = robots;
        this.documents = upstream.cache() == null ? null : documents != null ? documents
                : com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumWeight(DOCUMENTS_WEIGHT)
                        .weigher(GopherFetcher::weight)
                        .expireAfterWrite(java.time.Duration.ofSeconds(settings.network().cacheTtlSeconds()))
                        .<String, GopherResult>build();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.network = settings.network();
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.cache = upstream.cache();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = new GopherUrl.Limits(settings.maxUrlLength(), settings.maxSelectorLength(),
                settings.maxSearchLength());
    }

    /** The settings. */
    public GopherSettings settings() {
        return settings;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("gopher");
    }

    /** Parses a URL under the configured length limits. */
    @Override
    public GopherUrl parse(String url) {
        return GopherUrl.parse(url, limits);
    }

    /**
     * What a fetch produced: the result as fetched (the instance stored in the cache, so callers may
     * memoise renderings of it by identity) and the request information of this call.
     *
     * @param stored the result as fetched
     * @param info this call's request information ({@code cached} set on a cache hit)
     */
    public record Outcome(GopherResult stored, RequestInfo info) {

        /** The result with this call's request information. */
        public GopherResult result() {
            return stored.requestInfo().equals(info) ? stored : stored.withRequestInfo(info);
        }
    }

    /**
     * Fetches a URL given as text within a scope (a request's deadline and cancellation). Every failure
     * is a {@link BurrowException} carrying a {@code request_info} context.
     */
    @Override
    public GopherResult fetch(String url, FetchScope scope) {
        return fetchOutcome(url, scope).result();
    }

    /** Fetches a parsed URL; failures carry a {@code request_info} context. */
    @Override
    public GopherResult fetch(GopherUrl url, FetchScope scope) {
        return fetchOutcome(url, scope).result();
    }

    /** Like {@link #fetch(String, FetchScope)}, keeping the stored result apart from this call's request information. */
    public Outcome fetchOutcome(String url, FetchScope scope) {
        GopherUrl parsed;
        try {
            parsed = parse(url);
        } catch (BurrowException e) {
            throw e.withContext("request_info", clientErrorInfo(url));
        }
        return fetchOutcome(parsed, scope);
    }

    /** Like {@link #fetch(GopherUrl, FetchScope)}, keeping the stored result apart from this call's request information. */
    public Outcome fetchOutcome(GopherUrl url, FetchScope scope) {
        return fetchWindow(url, 0, false, scope);
    }

    /**
     * Fetches one window of a URL: the text from character {@code offset}, or the menu from item
     * {@code offset}. The first window is the cached answer when there is one; later windows are cut from
     * the held download of the whole document, so reading a long text costs one download.
     *
     * @param refresh bypass the cache and replace the cached answer and the held download
     * @throws BurrowException as {@link #fetch(GopherUrl, FetchScope)}, and {@code INVALID_REQUEST} for an
     *     offset past the end
     */
    public Outcome fetchWindow(GopherUrl url, int offset, boolean refresh, FetchScope scope) {
        try {
            return fetchChecked(url, offset, refresh, scope);
        } catch (BurrowException e) {
            throw e.withContext("request_info", info(url, now(), null));
        }
    }

    /** {@link #fetchWindow(GopherUrl, int, boolean, FetchScope)} of a URL given as text. */
    public Outcome fetchWindow(String url, int offset, boolean refresh, FetchScope scope) {
        return fetchWindow(url, null, offset, refresh, scope);
    }

    /**
     * {@link #fetchWindow(GopherUrl, int, boolean, FetchScope)} of a URL given as text, with the search
     * terms of a type-7 item given apart (raw, they replace any query of the URL).
     *
     * @param search the search terms, or {@code null}
     */
    public Outcome fetchWindow(String url, String search, int offset, boolean refresh, FetchScope scope) {
        GopherUrl parsed;
        try {
            parsed = parse(url);
            if (search != null) {
                parsed = withSearch(parsed, search);
            }
        } catch (BurrowException e) {
            throw e.withContext("request_info", clientErrorInfo(url));
        }
        return fetchWindow(parsed, offset, refresh, scope);
    }

    private GopherUrl withSearch(GopherUrl url, String search) {
        if (url.type() != '7') {
            throw new io.burrow.mcp.core.InvalidRequestException("search applies to type-7 (search) items only; this URL "
                    + "has type " + url.type(), "Fetch a type-7 URL (gopher://host/7/selector) with search, or leave "
                    + "search out.");
        }
        if (Chars.hasControl(search)) {
            throw new io.burrow.mcp.core.InvalidRequestException("search must not contain control characters");
        }
        if (Chars.utf8Length(search) > settings.maxSearchLength()) {
            throw new io.burrow.mcp.core.InvalidRequestException("search is longer than " + settings.maxSearchLength()
                    + " bytes");
        }
        return new GopherUrl(url.host(), url.port(), url.type(), url.selector(), search);
    }

    private Outcome fetchChecked(GopherUrl url, int offset, boolean refresh, FetchScope scope) {
        refuseInteractive(url);
        String key = cache == null ? null : url.cacheKey();
        if (key != null && refresh) {
            cache.invalidate(key);
            documents.invalidate(key);
        } else if (key != null) {
            GopherResult hit = offset == 0 ? cache.getIfPresent(key) : documents.getIfPresent(key);
            if (hit != null) {
                // a cached answer must not outlive a tightened allowlist or port list
                upstream.checkCached(url.host(), url.port());
                String downloaded = hit.requestInfo().timestamp();
                RequestInfo info = info(url, downloaded, null).asCached(ageSeconds(downloaded));
                if (offset == 0) {
                    return new Outcome(hit, info);
                }
                GopherResult window = window(hit, offset, info.withOffset(offset));
                return new Outcome(window, window.requestInfo());
            }
        }
        String timestamp = now();
        GopherItemType type = url.itemType();
        Deadline deadline = scope.deadlineFor(network.timeout());
        checkRobots(url, deadline, scope);
        GopherTransport.Response response = exchange(url, network.maxResponseSize(), deadline, scope);
        RequestInfo info = info(url, timestamp, null);
        GopherResult whole;
        if (type.isMenu()) {
            rejectOversize(response);
            MenuParser.ParsedMenu menu = MenuParser.parse(response.data(), response.length(), response.overflow(),
                    MAX_PARSED_ITEMS);
            whole = new GopherResult.Menu(menu.items(), menu.truncated(), info);
        } else if (type.isBinary()) {
            rejectOversize(response);
            String mime = MimeTypes.guess(url.type(), url.selector(), response.data(), response.length());
            whole = new GopherResult.Binary(response.length(), mime, response.overflow(), BINARY_NOTE, info);
        } else {
            rejectOversize(response);
            TextDecoder.Decoded text = TextDecoder.decode(response.data(), response.length(), response.overflow(), 0);
            whole = new GopherResult.Text(text.charset(), response.length(), text.text(), text.truncated(), info);
        }
        GopherResult first = window(whole, 0, info);
        if (key != null) {
            cache.put(key, first);
            if (first != whole) {
                documents.put(key, whole);
            }
        }
        if (offset == 0) {
            return new Outcome(first, info);
        }
        GopherResult window = window(whole, offset, info.withOffset(offset));
        return new Outcome(window, window.requestInfo());
    }

    private long ageSeconds(String timestamp) {
        try {
            return java.time.Duration.between(Instant.parse(timestamp), clock.instant()).getSeconds();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * The window of a whole document at {@code offset}: {@code GOPHER_MAX_RENDERED_CHARS} characters of a
     * text (never splitting a surrogate pair), {@code GOPHER_MAX_MENU_ITEMS} items of a menu. The whole
     * document itself when it fits in one window.
     */
    GopherResult window(GopherResult whole, int offset, RequestInfo info) {
        if (whole instanceof GopherResult.Text t) {
            String text = t.text();
            int total = text.length();
            checkOffset(offset, total, "total_chars");
            int cap = network.maxRenderedChars();
            if (offset == 0 && (cap == 0 || total <= cap)) {
                return t.requestInfo().equals(info) ? t : t.withRequestInfo(info);
            }
            int start = offset;
            if (start > 0 && start < total && Character.isLowSurrogate(text.charAt(start))
                    && Character.isHighSurrogate(text.charAt(start - 1))) {
                start--;
            }
            int end = cap == 0 ? total : (int) Math.min(total, (long) start + cap);
            if (end < total && end > start + 1 && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            boolean more = end < total;
            return new GopherResult.Text(t.charset(), t.bytes(), text.substring(start, end), more || t.truncated(),
                    more ? end : null, total, info);
        }
        if (whole instanceof GopherResult.Menu m) {
            int total = m.items().size();
            checkOffset(offset, total, "total_items");
            int cap = settings.maxMenuItems();
            boolean cut = m.truncated();
            if (offset == 0 && total <= cap) {
                return m.requestInfo().equals(info) ? m : m.withRequestInfo(info);
            }
            int end = (int) Math.min(total, (long) offset + cap);
            boolean more = end < total;
            return new GopherResult.Menu(m.items().subList(offset, end), more || cut, more ? end : null,
                    cut ? null : total, info);
        }
        return whole.requestInfo().equals(info) ? whole : whole.withRequestInfo(info);
    }

    private static void checkOffset(int offset, int total, String field) {
        if (offset < 0 || (offset > 0 && offset >= total)) {
            throw new io.burrow.mcp.core.InvalidRequestException("offset " + offset + " is past the end (" + field + " "
                    + total + ")", "Use the next_offset of the previous window; null means there is nothing more.")
                    .withDetail(field, total);
        }
    }

    /** Bytes a held document takes, roughly. */
    public static int weight(String key, GopherResult r) {
        long w = 64 + key.length() * 2L;
        if (r instanceof GopherResult.Text t) {
            w += t.text().length() * 2L;
        } else if (r instanceof GopherResult.Menu m) {
            for (GopherResult.MenuItem i : m.items()) {
                w += 48 + 2L * (i.title().length() + i.selector().length() + i.host().length()
                        + (i.nextUrl() == null ? 0 : i.nextUrl().length()));
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, w);
    }

    /** The default weight of the held documents: 64 MiB. */
    public static final long DOCUMENTS_WEIGHT = 64L * 1024 * 1024;

    /**
     * Fetches the bytes of an item without the cache (resource reads of binaries).
     *
     * @param maxBytes the cap; a larger item has {@code overflow} set
     */
    public RawItem fetchRaw(GopherUrl url, int maxBytes, FetchScope scope) {
        try {
            refuseInteractive(url);
            Deadline deadline = scope.deadlineFor(network.timeout());
            checkRobots(url, deadline, scope);
            GopherTransport.Response r = exchange(url, maxBytes, deadline, scope);
            return new RawItem(r.data(), r.length(), r.overflow(),
                    MimeTypes.guess(url.type(), url.selector(), r.data(), r.length()));
        } catch (BurrowException e) {
            throw e.withContext("request_info", info(url, now(), null));
        }
    }

    private GopherTransport.Response exchange(GopherUrl url, long maxBytes, Deadline deadline, FetchScope scope) {
        try (Connection connection = upstream.open(url.host(), url.port(), deadline, scope.cancellation())) {
            return transport.exchange(connection, url, (int) Math.min(Integer.MAX_VALUE - 16, maxBytes));
        }
    }

    /**
     * Checks the URL against its host's robots.txt (selector {@code robots.txt}), read within the fetch's
     * deadline and through the same upstream (so it counts against the host's rate). The selector is
     * matched as a path and as the URL's path ({@code /<type><selector>}); both must be allowed.
     */
    private void checkRobots(GopherUrl url, Deadline deadline, FetchScope scope) {
        if (robots == null || !robots.enabled()) {
            return;
        }
        String sel = url.selector();
        String asPath = sel.startsWith("/") ? sel : "/" + sel;
        List<String> paths = List.of(asPath, "/" + url.type() + sel);
        String authority = (url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host())
                + (url.port() == 70 ? "" : ":" + url.port());
        String robotsUrl = "gopher://" + authority + "/0robots.txt";
        robots.check(url.host(), url.port(), paths, robotsUrl, (host, port) -> {
            try {
                GopherTransport.Response r = exchange(parse(robotsUrl), RobotsTxt.MAX_BYTES, deadline, scope);
                return RobotsGate.Loaded.found(RobotsTxt.parse(r.data(), r.length()));
            } catch (BurrowException e) {
                String code = e.code();
                if (code.equals(ErrorCodes.TIMEOUT.name()) && deadline.expired() || code.equals("CANCELLED")
                        || code.equals("BLOCKED") || code.equals("DNS_ERROR") || code.equals("RATE_LIMITED")
                        || code.equals("INVALID_REQUEST")) {
                    throw e;
                }
                return RobotsGate.Loaded.unavailable(e.getMessage());
            }
        });
    }

    private void rejectOversize(GopherTransport.Response r) {
        if (r.overflow() && settings.oversize() == GopherSettings.Oversize.REJECT) {
            throw new BurrowException(ErrorCodes.TOO_LARGE, "Response exceeds maximum size of "
                    + network.maxResponseSize() + " bytes",
                    "Raise GOPHER_MAX_RESPONSE_SIZE, or set GOPHER_OVERSIZE=truncate to get the first part.");
        }
    }

    private static void refuseInteractive(GopherUrl url) {
        GopherItemType type = url.itemType();
        if (type.isInteractive()) {
            String target = (url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host()) + ":" + url.port();
            String client = url.type() == '2' ? "a CSO (ph) client" : url.type() == 'T' ? "a tn3270 client"
                    : "a telnet client";
            throw new BurrowException(GopherErrors.NOT_FETCHABLE, "Item type " + url.type() + " (" + type.description()
                    + ") is interactive and cannot be fetched",
                    "Connect to " + target + " with " + client + ".")
                    .withDetail("host", url.host()).withDetail("port", url.port());
        }
    }

    private RequestInfo info(GopherUrl url, String timestamp, Boolean cached) {
        RequestInfo info = new RequestInfo(url.toUrl(), url.host(), url.port(), String.valueOf(url.type()),
                url.selector(), url.sendsSearch() ? url.search() : null, timestamp, cached);
        return url.search() != null && !url.sendsSearch() ? info.withSearchIgnored() : info;
    }

    private RequestInfo clientErrorInfo(String url) {
        String u = url == null ? "" : url.length() > 2048 ? url.substring(0, 2048) + "…" : url;
        return new RequestInfo(MenuParser.clean(u), null, null, null, null, null, now(), null);
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Whether the fetcher caches results. */
    public boolean caching() {
        return cache != null;
    }
}
