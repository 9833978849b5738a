package io.burrow.mcp.gopher.internal;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.net.ConcurrencyLimit;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.RateLimiter;
import io.burrow.mcp.core.net.ResolvedTarget;
import io.burrow.mcp.gopher.GopherItemType;
import io.burrow.mcp.gopher.GopherResult;
import io.burrow.mcp.gopher.GopherResult.RequestInfo;
import io.burrow.mcp.gopher.GopherSettings;
import io.burrow.mcp.gopher.GopherUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The Gopher fetch pipeline shared by the tools, the resources and the public client: parse and
 * check the URL, serve from the cache (after checking the host policy again), else check the host
 * policy (resolving within the deadline), take a concurrency slot and a rate-limit token, run the
 * exchange against the checked addresses, and turn the bytes into a result. Thread-safe.
 */
public final class GopherFetcher {

    /** An item type that cannot be fetched (telnet, CSO, an external link). */
    public static final io.burrow.mcp.core.ErrorCode NOT_FETCHABLE = io.burrow.mcp.core.ErrorCode.invalid("NOT_FETCHABLE");

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
    private final HostPolicy policy;
    private final Cache<String, GopherResult> cache;
    private final RateLimiter rateLimiter;
    private final ConcurrencyLimit concurrency;
    private final Clock clock;
    private final GopherUrl.Limits limits;
    private final Duration timeout;
    private final GopherTransport transport = new GopherTransport();

    /**
     * @param cache the result cache, or {@code null} when caching is off
     * @param rateLimiter the per-host limiter, or {@code null} when rate limiting is off
     */
    public GopherFetcher(GopherSettings settings, HostPolicy policy, Cache<String, GopherResult> cache,
            RateLimiter rateLimiter, ConcurrencyLimit concurrency, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cache = cache;
        this.rateLimiter = rateLimiter;
        this.concurrency = Objects.requireNonNull(concurrency, "concurrency");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = new GopherUrl.Limits(settings.maxUrlLength(), settings.maxSelectorLength(),
                settings.maxSearchLength());
        this.timeout = Duration.ofNanos((long) (settings.timeoutSeconds() * 1_000_000_000L));
    }

    /** The settings. */
    public GopherSettings settings() {
        return settings;
    }

    /** Parses a URL under the configured length limits. */
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
     * Fetches a URL given as text. Every failure is a {@link BurrowException} carrying a
     * {@code request_info} context.
     */
    public GopherResult fetch(String url) {
        return fetchOutcome(url).result();
    }

    /** Fetches a parsed URL; failures carry a {@code request_info} context. */
    public GopherResult fetch(GopherUrl url) {
        return fetchOutcome(url).result();
    }

    /** Like {@link #fetch(String)}, keeping the stored result apart from this call's request information. */
    public Outcome fetchOutcome(String url) {
        GopherUrl parsed;
        try {
            parsed = parse(url);
        } catch (BurrowException e) {
            throw e.withContext("request_info", clientErrorInfo(url));
        }
        return fetchOutcome(parsed);
    }

    /** Like {@link #fetch(GopherUrl)}, keeping the stored result apart from this call's request information. */
    public Outcome fetchOutcome(GopherUrl url) {
        try {
            return fetchChecked(url);
        } catch (BurrowException e) {
            throw e.withContext("request_info", info(url, now(), null));
        }
    }

    private Outcome fetchChecked(GopherUrl url) {
        refuseInteractive(url);
        String key = cache == null ? null : url.cacheKey();
        if (key != null) {
            GopherResult hit = cache.getIfPresent(key);
            if (hit != null) {
                // a cached answer must not outlive a tightened allowlist or port list
                policy.checkWithoutResolving(url.host(), url.port());
                return new Outcome(hit, info(url, hit.requestInfo().timestamp(), Boolean.TRUE));
            }
        }
        String timestamp = now();
        GopherItemType type = url.itemType();
        GopherTransport.Response response = exchange(url, settings.maxResponseSize());
        RequestInfo info = info(url, timestamp, null);
        GopherResult result;
        if (type.isMenu()) {
            rejectOversize(response);
            MenuParser.ParsedMenu menu = MenuParser.parse(response.data(), response.length(), response.overflow(),
                    settings.maxMenuItems());
            result = new GopherResult.Menu(menu.items(), menu.truncated(), info);
        } else if (type.isBinary()) {
            rejectOversize(response);
            String mime = MimeTypes.guess(url.type(), url.selector(), response.data(), response.length());
            result = new GopherResult.Binary(response.length(), mime, response.overflow(), BINARY_NOTE, info);
        } else {
            rejectOversize(response);
            TextDecoder.Decoded text = TextDecoder.decode(response.data(), response.length(), response.overflow(),
                    settings.maxRenderedChars());
            result = new GopherResult.Text(text.charset(), response.length(), text.text(), text.truncated(), info);
        }
        if (key != null) {
            cache.put(key, result);
        }
        return new Outcome(result, info);
    }

    /**
     * Fetches the bytes of an item without the cache (resource reads of binaries).
     *
     * @param maxBytes the cap; a larger item has {@code overflow} set
     */
    public RawItem fetchRaw(GopherUrl url, int maxBytes) {
        try {
            refuseInteractive(url);
            GopherTransport.Response r = exchange(url, maxBytes);
            return new RawItem(r.data(), r.length(), r.overflow(),
                    MimeTypes.guess(url.type(), url.selector(), r.data(), r.length()));
        } catch (BurrowException e) {
            throw e.withContext("request_info", info(url, now(), null));
        }
    }

    private GopherTransport.Response exchange(GopherUrl url, long maxBytes) {
        Deadline deadline = Deadline.after(timeout);
        ResolvedTarget target = policy.check(url.host(), url.port(), deadline);
        try (ConcurrencyLimit.Permit permit = concurrency.acquire(deadline)) {
            if (rateLimiter != null) {
                rateLimiter.acquire(target.host() + ":" + target.port(), deadline);
            }
            return transport.exchange(target, url, deadline, (int) Math.min(Integer.MAX_VALUE - 16, maxBytes));
        }
    }

    private void rejectOversize(GopherTransport.Response r) {
        if (r.overflow() && settings.oversize() == GopherSettings.Oversize.REJECT) {
            throw new BurrowException(ErrorCodes.TOO_LARGE, "Response exceeds maximum size of "
                    + settings.maxResponseSize() + " bytes",
                    "Raise GOPHER_MAX_RESPONSE_SIZE, or set GOPHER_OVERSIZE=truncate to get the first part.");
        }
    }

    private static void refuseInteractive(GopherUrl url) {
        GopherItemType type = url.itemType();
        if (type.isInteractive()) {
            String target = (url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host()) + ":" + url.port();
            String client = url.type() == '2' ? "a CSO (ph) client" : url.type() == 'T' ? "a tn3270 client"
                    : "a telnet client";
            throw new BurrowException(NOT_FETCHABLE, "Item type " + url.type() + " (" + type.description()
                    + ") is interactive and cannot be fetched",
                    "Connect to " + target + " with " + client + ".")
                    .withDetail("host", url.host()).withDetail("port", url.port());
        }
    }

    private RequestInfo info(GopherUrl url, String timestamp, Boolean cached) {
        return new RequestInfo(url.toUrl(), url.host(), url.port(), String.valueOf(url.type()), url.selector(),
                url.sendsSearch() ? url.search() : null, timestamp, cached);
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
