package io.burrow.mcp.gemini.internal;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.fetch.Connection;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.fetch.RobotsGate;
import io.burrow.mcp.core.fetch.RobotsTxt;
import io.burrow.mcp.core.fetch.ServerText;
import io.burrow.mcp.core.fetch.Upstream;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.gemini.ClientIdentity;
import io.burrow.mcp.gemini.ClientIdentityStore;
import io.burrow.mcp.gemini.GeminiClient;
import io.burrow.mcp.gemini.GeminiErrors;
import io.burrow.mcp.gemini.GeminiResult;
import io.burrow.mcp.gemini.GeminiUrl;
import io.burrow.mcp.gemini.RequestInfo;
import io.burrow.mcp.gemini.TofuStore;
import io.burrow.mcp.gemini.tools.GeminiSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The Gemini fetch pipeline behind {@code gemini_fetch}, {@code gemini_batch_fetch}, {@code gemini://}
 * resources and the public {@link io.burrow.mcp.gemini.GeminiClient}.
 *
 * <p>A fetch parses and canonicalises the URL, answers from the cache when it can (after re-checking
 * the host policy), and otherwise, for each hop: opens a connection through the backend's
 * {@link Upstream} (host policy resolving the name once, concurrency slot, the host's rate limit, the
 * connect loop over the checked addresses), handshakes TLS, verifies the certificate with TOFU,
 * presents the client identity whose scope covers the URL, and reads a bounded response, all within one
 * deadline ({@code GEMINI_TIMEOUT_SECONDS}, or the request's deadline if earlier); a cancelled request
 * closes the connection. Redirects are followed as the settings allow. Queries are never logged or
 * cached, since they may carry a status-11 secret. Thread-safe.
 */
public final class GeminiFetcher implements GeminiClient {

    /** A cached 2x response: what is needed to answer tools and resource reads again. */
    public record Cached(ResponseHeader header, byte[] body, long size, boolean truncated, RequestInfo info,
            GeminiResult result) {
    }

    /**
     * A fetched response with its bytes, for resource reads.
     *
     * @param url the final URL
     * @param header the header of the final response
     * @param body the body bytes (2x)
     * @param truncated whether the body was cut at the size cap
     * @param result the interpreted result
     * @param stored the cached result instance this one was made from (a cache hit of the first window),
     *     else {@code null}: callers may memoise renderings of it by identity
     */
    public record Fetched(GeminiUrl url, ResponseHeader header, byte[] body, boolean truncated, GeminiResult result,
            GeminiResult stored) {

        Fetched(GeminiUrl url, ResponseHeader header, byte[] body, boolean truncated, GeminiResult result) {
            this(url, header, body, truncated, result, null);
        }
    }

    private final GeminiSettings settings;
    private final Upstream upstream;
    private final Cache<String, Cached> cache;
    private final TofuStore tofu;
    private final ClientIdentityStore identities;
    private final Clock clock;
    private final Logger logger;
    private final GeminiTransport transport = new GeminiTransport();
    private final ResponseInterpreter.Limits limits;
    private final RobotsGate robots;
    /**
     * Pages that are never cached (a query, which may hold a secret, a client identity, or caching off) but are
     * longer than one window: the one download later windows are cut from, held in memory for
     * {@link #WINDOW_HOLD} and at most {@link #WINDOW_HOLD_BYTES} in all, keyed by the whole request (URL with
     * its query; served only while the same client identity applies), so that reading on never fetches the page
     * again. A first window (offset 0)
     * or {@code refresh} downloads it again and replaces it.
     */
    private final Cache<String, Cached> windows;
    /** How long the download of an uncacheable page is held for its later windows. */
    public static final Duration WINDOW_HOLD = Duration.ofMinutes(5);
    /** Most bytes of uncacheable pages held for their later windows. */
    public static final long WINDOW_HOLD_BYTES = 16L * 1024 * 1024;
    /** The held downloads' cache spec: {@link #WINDOW_HOLD_BYTES} for {@link #WINDOW_HOLD}. */
    public static final String WINDOW_HOLD_SPEC = "maximumWeight=" + WINDOW_HOLD_BYTES + ",expireAfterWrite="
            + WINDOW_HOLD.toSeconds() + "s";

    /** A held download's weight: its body's bytes. */
    public static int windowWeight(String key, Cached held) {
        return held.body() == null ? 1 : held.body().length;
    }
    /** Hosts that answered 44 (slow down), with the end of their pause. */
    private final java.util.concurrent.ConcurrentMap<String, java.time.Instant> slowDowns =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    .expireAfterWrite(Duration.ofSeconds(ResponseInterpreter.MAX_SLOW_DOWN_SECONDS))
                    .<String, java.time.Instant>build().asMap();

    /**
     * @param tofu the TOFU store, or {@code null} when TOFU is disabled
     */
    public GeminiFetcher(GeminiSettings settings, Upstream upstream, TofuStore tofu, ClientIdentityStore identities,
            Clock clock, Logger logger) {
        this(settings, upstream, null, tofu, identities, clock, logger);
    }

    /**
     * @param robots the robots.txt gate, or {@code null} to ignore robots.txt
     * @param tofu the TOFU store, or {@code null} when TOFU is disabled
     */
    public GeminiFetcher(GeminiSettings settings, Upstream upstream, RobotsGate robots, TofuStore tofu,
            ClientIdentityStore identities, Clock clock, Logger logger) {
        this(settings, upstream, robots, tofu, identities, clock, logger, com.github.benmanes.caffeine.cache.Caffeine
                .newBuilder().maximumWeight(WINDOW_HOLD_BYTES).weigher(GeminiFetcher::windowWeight)
                .expireAfterWrite(WINDOW_HOLD).build());
    }

    /**
     * @param windows where the downloads of uncacheable pages are held for their later windows (see
     *     {@link #WINDOW_HOLD_SPEC}, weighed by {@link #windowWeight})
     */
    public GeminiFetcher(GeminiSettings settings, Upstream upstream, RobotsGate robots, TofuStore tofu,
            ClientIdentityStore identities, Clock clock, Logger logger, Cache<String, Cached> windows) {
        this.windows = Objects.requireNonNull(windows, "windows");
        this.robots = robots;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.cache = upstream.cache();
        this.tofu = tofu;
        this.identities = Objects.requireNonNull(identities, "identities");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.logger = Objects.requireNonNull(logger, "logger");
        this.limits = new ResponseInterpreter.Limits(settings.network().maxRenderedChars(), settings.deniedMimeTypes(),
                settings.clientCertsEnabled());
    }

    /**
     * Fetches a URL within a scope, answering a status 10/11 prompt with {@code input} (or {@code null}):
     * the input, percent-encoded, replaces the URL's query.
     *
     * @throws BurrowException with a code of {@link GeminiErrors} or {@link io.burrow.mcp.core.ErrorCodes}
     */
    @Override
    public GeminiResult fetch(String uri, String input, FetchScope scope) {
        GeminiUrl url = GeminiUrl.parse(uri);
        if (input != null) {
            url = url.withInput(input);
        }
        return run(url, false, 0, false, scope).result();
    }

    /**
     * Fetches one window of a URL: the text from character {@code offset} (see
     * {@link ResponseInterpreter#interpret(GeminiUrl, ResponseHeader, byte[], long, boolean, RequestInfo,
     * ClientIdentity, ResponseInterpreter.Limits, int)}). Later windows of a cached page are cut from its held
     * download; pages not cached (a query, a client certificate, caching off) are fetched again.
     *
     * @param refresh bypass the cache and replace the cached answers of every hop
     */
    public Fetched fetchWindow(String uri, String input, int offset, boolean refresh, FetchScope scope) {
        GeminiUrl url = GeminiUrl.parse(uri);
        if (input != null) {
            url = url.withInput(input);
        }
        return run(url, false, offset, refresh, scope);
    }

    @Override
    public Set<String> schemes() {
        return Set.of("gemini");
    }

    /** Fetches a URL keeping the body bytes of any type (resource reads). */
    public Fetched fetchBytes(String uri, FetchScope scope) {
        return run(GeminiUrl.parse(uri), true, 0, false, scope);
    }

    /** Whether a URL would be served from the cache now (for tests and benchmarks). */
    public boolean cached(String uri) {
        return cache != null && cache.getIfPresent(GeminiUrl.parse(uri).toString()) != null;
    }

    private Fetched run(GeminiUrl url, boolean keepBytes, int offset, boolean refresh, FetchScope scope) {
        Deadline deadline = scope.deadlineFor(settings.network().timeout());
        try {
            return follow(url, deadline, keepBytes, offset, refresh, scope);
        } catch (BurrowException e) {
            if (!e.context().containsKey("request_info")) {
                e.withContext("request_info", minimalInfo(url));
            }
            throw e;
        }
    }

    private Fetched follow(GeminiUrl start, Deadline deadline, boolean keepBytes, int offset, boolean refresh,
            FetchScope scope) {
        List<RequestInfo.RedirectHop> hops = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        visited.add(start.toString());
        GeminiUrl current = start;
        while (true) {
            Hop hop;
            try {
                hop = hop(current, deadline, keepBytes, offset, refresh, scope);
            } catch (BurrowException e) {
                if (!e.context().containsKey("request_info")) {
                    e.withContext("request_info", minimalInfo(current).withRedirects(hops));
                }
                throw e;
            }
            if (hop.header().category() != 3) {
                GeminiResult result = hop.result();
                if (!hops.isEmpty()) {
                    result = result.withRequestInfo(result.requestInfo().withRedirects(hops));
                }
                return new Fetched(current, hop.header(), hop.body(), hop.truncated(), result,
                        hops.isEmpty() ? hop.stored() : null);
            }
            RequestInfo info = hop.info().withRedirects(hops);
            int status = hop.header().status();
            String meta = hop.header().meta();
            if (meta.isBlank()) {
                throw new BurrowException(GeminiErrors.PROTOCOL_ERROR,
                        "The server sent a redirect without a target").withDetail("status", status)
                        .withContext("request_info", info);
            }
            boolean permanent = status == 31;
            String target = current.resolve(meta);
            GeminiUrl next;
            try {
                next = GeminiUrl.parse(target);
            } catch (BurrowException e) {
                return redirect(current, hop, new GeminiResult.Redirect(ServerText.line(target), permanent, status, null,
                        "The target is not a gemini:// URL this client can fetch.", info));
            }
            if (settings.maxRedirects() == 0) {
                return redirect(current, hop, new GeminiResult.Redirect(next.toString(), permanent, status, null,
                        "Redirects are not followed (GEMINI_MAX_REDIRECTS=0); fetch new_url to follow it.", info));
            }
            boolean crossHost = !next.sameOrigin(current);
            if (crossHost && !settings.followCrossHostRedirects()) {
                return redirect(current, hop, new GeminiResult.Redirect(next.toString(), permanent, status, true,
                        "The redirect leads to another host or port; fetch new_url to follow it.", info));
            }
            List<RequestInfo.RedirectHop> chain = new ArrayList<>(hops);
            chain.add(new RequestInfo.RedirectHop(current.withoutQuery().toString(), status,
                    next.withoutQuery().toString()));
            if (!visited.add(next.toString())) {
                throw new BurrowException(GeminiErrors.REDIRECT_LOOP,
                        "The redirects loop back to " + next.withoutQuery(), "The capsule is misconfigured.")
                        .withDetail("redirects", chain).withContext("request_info", info);
            }
            if (hops.size() >= settings.maxRedirects()) {
                throw new BurrowException(GeminiErrors.TOO_MANY_REDIRECTS,
                        "More than " + settings.maxRedirects() + " redirects",
                        "Fetch the last new_url to continue, or raise GEMINI_MAX_REDIRECTS.")
                        .withDetail("redirects", chain).withDetail("new_url", next.toString())
                        .withContext("request_info", info);
            }
            hops.add(chain.get(chain.size() - 1));
            current = next;
        }
    }

    private static Fetched redirect(GeminiUrl url, Hop hop, GeminiResult.Redirect result) {
        return new Fetched(url, hop.header(), hop.body(), false, result);
    }

    /** One request, or a cache hit ({@code stored}: the cached result instance, when served as is). */
    private record Hop(ResponseHeader header, byte[] body, boolean truncated, RequestInfo info, GeminiResult result,
            GeminiResult stored) {

        Hop(ResponseHeader header, byte[] body, boolean truncated, RequestInfo info, GeminiResult result) {
            this(header, body, truncated, info, result, null);
        }
    }

    private Hop hop(GeminiUrl url, Deadline deadline, boolean keepBytes, int offset, boolean refresh, FetchScope scope) {
        String key = url.toString();
        boolean cacheable = cache != null && !url.hasQuery();
        Optional<ClientIdentity> matched = null; // looked up when needed: a cache hit does not read the store
        if (refresh || offset == 0) {
            windows.invalidate(key);
        } else if (!keepBytes) {
            Cached held = windows.getIfPresent(key);
            if (held != null) {
                matched = settings.clientCertsEnabled() ? identities.match(url) : Optional.empty();
                if (Objects.equals(held.info().identity(), matched.map(ClientIdentity::name).orElse(null))) {
                    upstream.checkCached(url.host(), url.port());
                    RequestInfo info = held.info().asCached(ageSeconds(held.info().timestamp()));
                    GeminiResult window = ResponseInterpreter.interpret(url, held.header(), held.body(), held.size(),
                            held.truncated(), info.withOffset(offset), matched.orElse(null), limits, offset);
                    return new Hop(held.header(), held.body(), held.truncated(), info, window);
                }
            }
        }
        if (cacheable && refresh) {
            cache.invalidate(key);
        } else if (cacheable) {
            Cached c = cache.getIfPresent(key);
            if (c != null && (!keepBytes || c.body() != null)) {
                upstream.checkCached(url.host(), url.port());
                RequestInfo info = c.info().asCached(ageSeconds(c.info().timestamp()));
                if (c.result() == null || offset == 0 || c.body() == null) {
                    GeminiResult r = c.result() == null ? null : c.result().withRequestInfo(info);
                    return new Hop(c.header(), c.body(), c.truncated(), info, r, c.result());
                }
                GeminiResult window = ResponseInterpreter.interpret(url, c.header(), c.body(), c.size(), c.truncated(),
                        info.withOffset(offset), null, limits, offset);
                return new Hop(c.header(), c.body(), c.truncated(), info, window);
            }
        }
        ClientIdentity identity = null;
        ClientIdentityStore.Material material = null;
        if (matched == null) {
            matched = settings.clientCertsEnabled() ? identities.match(url) : Optional.empty();
        }
        if (matched.isPresent()) {
            identity = matched.get();
            material = identities.material(identity);
        }
        checkRobots(url, deadline, scope);
        awaitSlowDown(url, deadline, scope);
        GeminiTransport.Exchange x;
        try (Connection connection = upstream.open(url.host(), url.port(), deadline, scope.cancellation())) {
            x = transport.exchange(connection, url, material, settings.network().maxResponseSize(),
                    keepBytes ? GeminiTransport.BodyMode.KEEP : GeminiTransport.BodyMode.COUNT_BINARY,
                    leaf -> verify(url, leaf));
        }
        RequestInfo info = new RequestInfo(url.withoutQuery().toString(), url.host(), url.port(), url.path(),
                url.hasQuery(), now(), x.tlsVersion(), x.cipher(), x.verdict().fingerprint(), x.verdict().status(),
                x.verdict().warning(), identity == null ? null : identity.name(), null, null);
        ResponseHeader header = x.header();
        logger.debug("gemini {} -> {}", url.withoutQuery(), header.status());
        if (header.status() == 44) {
            int seconds = ResponseInterpreter.slowDownSeconds(header.meta());
            slowDowns.put(Upstream.rateKey(url.host(), url.port()), clock.instant().plusSeconds(seconds));
            BurrowException e = slowDown(url, seconds).withDetail("status", 44);
            String meta = ResponseInterpreter.meta(header.meta());
            if (!meta.isEmpty()) {
                e.withDetail("meta", meta);
            }
            throw e.withContext("request_info", info);
        }
        if (header.category() == 3) {
            return new Hop(header, x.body(), false, info, null);
        }
        GeminiResult result = ResponseInterpreter.interpret(url, header, x.body(), x.size(), x.truncated(), info,
                identity, limits);
        if (cacheable && identity == null && header.category() == 2) {
            boolean text = !(result instanceof GeminiResult.Binary);
            cache.put(key, new Cached(header, text ? x.body() : null, x.size(), x.truncated(),
                    info, result));
        } else if (header.category() == 2 && x.body() != null && hasMoreWindows(result)) {
            windows.put(key, new Cached(header, x.body(), x.size(), x.truncated(), info, null));
        }
        if (offset > 0 && header.category() == 2 && !(result instanceof GeminiResult.Binary)) {
            result = ResponseInterpreter.interpret(url, header, x.body(), x.size(), x.truncated(), info.withOffset(offset),
                    identity, limits, offset);
        }
        return new Hop(header, x.body(), x.truncated(), info, result);
    }

    private static boolean hasMoreWindows(GeminiResult result) {
        return result instanceof GeminiResult.Gemtext g && g.nextOffset() != null
                || result instanceof GeminiResult.Success t && t.nextOffset() != null;
    }

    /**
     * Checks a URL (path and query) against its host's {@code /robots.txt}, read within the fetch's deadline
     * through the same upstream and TOFU check, without a client certificate. Status 20 gives the rules, 51
     * means there are none; anything else (and a failure to connect) makes robots.txt unavailable.
     */
    private void checkRobots(GeminiUrl url, Deadline deadline, FetchScope scope) {
        if (robots == null || !robots.enabled()) {
            return;
        }
        GeminiUrl robotsUrl = new GeminiUrl(url.host(), url.port(), "/robots.txt", null);
        String path = url.path() + (url.hasQuery() ? "?" + url.query() : "");
        robots.check(url.host(), url.port(), List.of(path), robotsUrl.toString(), (host, port) -> {
            try {
                awaitSlowDown(robotsUrl, deadline, scope);
                GeminiTransport.Exchange x;
                try (Connection connection = upstream.open(host, port, deadline, scope.cancellation())) {
                    x = transport.exchange(connection, robotsUrl, null, RobotsTxt.MAX_BYTES,
                            GeminiTransport.BodyMode.KEEP, leaf -> verify(robotsUrl, leaf));
                }
                int status = x.header().status();
                if (status == 20 || (status >= 20 && status < 30)) {
                    byte[] body = x.body() == null ? new byte[0] : x.body();
                    return RobotsGate.Loaded.found(RobotsTxt.parse(body, body.length));
                }
                if (status == 51) {
                    return RobotsGate.Loaded.none();
                }
                if (status == 44) {
                    int seconds = ResponseInterpreter.slowDownSeconds(x.header().meta());
                    slowDowns.put(Upstream.rateKey(host, port), clock.instant().plusSeconds(seconds));
                }
                return RobotsGate.Loaded.unavailable("the server answered " + status);
            } catch (BurrowException e) {
                String code = e.code();
                if ((code.equals("TIMEOUT") && deadline.expired()) || code.equals("CANCELLED") || code.equals("BLOCKED")
                        || code.equals("DNS_ERROR") || code.equals("RATE_LIMITED") || code.equals("SLOW_DOWN")
                        || code.startsWith("CERTIFICATE_")) {
                    throw e;
                }
                return RobotsGate.Loaded.unavailable(e.getMessage());
            }
        });
    }

    private long ageSeconds(String timestamp) {
        try {
            return Duration.between(java.time.Instant.parse(timestamp), clock.instant()).getSeconds();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static BurrowException slowDown(GeminiUrl url, long seconds) {
        return new BurrowException(GeminiErrors.SLOW_DOWN,
                "The server asked to slow down: " + url.hostPort() + " is paused for " + seconds + " more seconds",
                "Fetch from " + url.hostPort() + " again after retry_after_seconds; other hosts are not affected.")
                .withDetail("retry_after_seconds", seconds).withDetail("temporary", true);
    }

    /**
     * Waits out a host's slow-down pause (status 44) when it ends within the deadline, else fails at once
     * with {@code SLOW_DOWN} and the seconds left. Never sleeps past the deadline.
     */
    private void awaitSlowDown(GeminiUrl url, Deadline deadline, FetchScope scope) {
        String key = Upstream.rateKey(url.host(), url.port());
        java.time.Instant until = slowDowns.get(key);
        if (until == null) {
            return;
        }
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
            slowDowns.remove(key, until);
            return;
        }
        if (left.compareTo(deadline.remaining()) >= 0) {
            throw slowDown(url, Math.max(1, (left.toMillis() + 999) / 1000));
        }
        try {
            Thread.sleep(left.toMillis() + 1);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw slowDown(url, Math.max(1, (left.toMillis() + 999) / 1000));
        }
        scope.cancellation().throwIfCancelled();
    }

    private TofuStore.Verdict verify(GeminiUrl url, java.security.cert.X509Certificate leaf) {
        if (tofu == null) {
            return new TofuStore.Verdict(Fingerprints.of(leaf), "disabled",
                    "TOFU is disabled (GEMINI_TOFU_ENABLED=false): the server certificate was not verified.");
        }
        return tofu.verify(url.host(), url.port(), leaf, settings.tofuRejectExpired());
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private RequestInfo minimalInfo(GeminiUrl url) {
        return new RequestInfo(url.withoutQuery().toString(), url.host(), url.port(), url.path(), url.hasQuery(), now(),
                null, null, null, null, null, null, null, null);
    }

    /** The settings in force. */
    public GeminiSettings settings() {
        return settings;
    }

    /** The TOFU store, or {@code null} when TOFU is disabled. */
    public TofuStore tofu() {
        return tofu;
    }
}
