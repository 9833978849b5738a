package io.burrow.mcp.gemini;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.net.ConcurrencyLimit;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.ResolvedTarget;
import io.burrow.mcp.core.net.RateLimiter;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.gemini.internal.GeminiTransport;
import io.burrow.mcp.gemini.internal.ResponseHeader;
import io.burrow.mcp.gemini.internal.ResponseInterpreter;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;

/**
 * The Gemini client behind {@code gemini_fetch}, {@code gemini_batch_fetch} and {@code gemini://}
 * resources, usable on its own through {@code BurrowServer.client("gemini")}.
 *
 * <p>A fetch parses and canonicalises the URL, answers from the cache when it can (after re-checking
 * the host policy), and otherwise, for each hop: checks the host policy (resolving the name once),
 * waits for the host's rate limit, connects to a checked address over TLS, verifies the certificate with
 * TOFU, presents the client identity whose scope covers the URL, and reads a bounded response, all
 * within one deadline of {@code GEMINI_TIMEOUT_SECONDS}. Redirects are followed as the settings allow.
 * Queries are never logged or cached, since they may carry a status-11 secret. Thread-safe.
 */
public final class GeminiClient implements ProtocolClient<GeminiResult> {

    /** What the client needs from its module; built by {@link GeminiModule}. */
    record Parts(GeminiSettings settings, HostPolicy policy, TofuStore tofu, ClientIdentityStore identities,
            RateLimiter rateLimiter, ConcurrencyLimit concurrency, Cache<String, Cached> cache, Clock clock,
            ScheduledExecutorService scheduler, Logger logger) {
    }

    /** A cached 2x response: what is needed to answer tools and resource reads again. */
    record Cached(ResponseHeader header, byte[] body, long size, boolean truncated, RequestInfo info,
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
     */
    record Fetched(GeminiUrl url, ResponseHeader header, byte[] body, boolean truncated, GeminiResult result) {
    }

    private final Parts p;
    private final GeminiTransport transport;
    private final ResponseInterpreter.Limits limits;

    GeminiClient(Parts parts) {
        this.p = parts;
        this.transport = new GeminiTransport(parts.scheduler());
        this.limits = new ResponseInterpreter.Limits(parts.settings().maxRenderedChars(),
                parts.settings().deniedMimeTypes(), parts.settings().clientCertsEnabled());
    }

    @Override
    public Set<String> schemes() {
        return Set.of("gemini");
    }

    /** Fetches a URL (following redirects as configured). */
    @Override
    public GeminiResult fetch(String uri) {
        return fetch(uri, null);
    }

    /**
     * Fetches a URL, answering a status 10/11 prompt with {@code input}: the input, percent-encoded,
     * replaces the URL's query.
     *
     * @throws BurrowException with a code of {@link GeminiErrorCodes} or {@link io.burrow.mcp.core.ErrorCodes}
     */
    public GeminiResult fetch(String uri, String input) {
        GeminiUrl url = GeminiUrl.parse(uri);
        if (input != null) {
            url = url.withInput(input);
        }
        return run(url, false).result();
    }

    /** Fetches a URL keeping the body bytes of any type (resource reads). */
    Fetched fetchBytes(String uri) {
        return run(GeminiUrl.parse(uri), true);
    }

    /** Whether a URL would be served from the cache now (for tests and benchmarks). */
    boolean cached(String uri) {
        return p.cache() != null && p.cache().getIfPresent(GeminiUrl.parse(uri).toString()) != null;
    }

    private Fetched run(GeminiUrl url, boolean keepBytes) {
        Deadline deadline = Deadline.after(Duration.ofSeconds(p.settings().timeoutSeconds()));
        try (ConcurrencyLimit.Permit permit = p.concurrency().acquire(deadline)) {
            return follow(url, deadline, keepBytes);
        } catch (BurrowException e) {
            if (!e.context().containsKey("request_info")) {
                e.withContext("request_info", minimalInfo(url));
            }
            throw e;
        }
    }

    private Fetched follow(GeminiUrl start, Deadline deadline, boolean keepBytes) {
        List<RequestInfo.RedirectHop> hops = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        visited.add(start.toString());
        GeminiUrl current = start;
        while (true) {
            Hop hop;
            try {
                hop = hop(current, deadline, keepBytes);
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
                return new Fetched(current, hop.header(), hop.body(), hop.truncated(), result);
            }
            RequestInfo info = hop.info().withRedirects(hops);
            int status = hop.header().status();
            String meta = hop.header().meta();
            if (meta.isBlank()) {
                throw new BurrowException(GeminiErrorCodes.PROTOCOL_ERROR,
                        "The server sent a redirect without a target").withDetail("status", status)
                        .withContext("request_info", info);
            }
            boolean permanent = status == 31;
            String target = current.resolve(meta);
            GeminiUrl next;
            try {
                next = GeminiUrl.parse(target);
            } catch (BurrowException e) {
                return redirect(current, hop, new GeminiResult.Redirect(target, permanent, status, null,
                        "The target is not a gemini:// URL this client can fetch.", info));
            }
            if (p.settings().maxRedirects() == 0) {
                return redirect(current, hop, new GeminiResult.Redirect(next.toString(), permanent, status, null,
                        "Redirects are not followed (GEMINI_MAX_REDIRECTS=0); fetch new_url to follow it.", info));
            }
            boolean crossHost = !next.sameOrigin(current);
            if (crossHost && !p.settings().followCrossHostRedirects()) {
                return redirect(current, hop, new GeminiResult.Redirect(next.toString(), permanent, status, true,
                        "The redirect leads to another host or port; fetch new_url to follow it.", info));
            }
            List<RequestInfo.RedirectHop> chain = new ArrayList<>(hops);
            chain.add(new RequestInfo.RedirectHop(current.withoutQuery().toString(), status,
                    next.withoutQuery().toString()));
            if (!visited.add(next.toString())) {
                throw new BurrowException(GeminiErrorCodes.REDIRECT_LOOP,
                        "The redirects loop back to " + next.withoutQuery(), "The capsule is misconfigured.")
                        .withDetail("redirects", chain).withContext("request_info", info);
            }
            if (hops.size() >= p.settings().maxRedirects()) {
                throw new BurrowException(GeminiErrorCodes.TOO_MANY_REDIRECTS,
                        "More than " + p.settings().maxRedirects() + " redirects",
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

    /** One request, or a cache hit. */
    private record Hop(ResponseHeader header, byte[] body, boolean truncated, RequestInfo info, GeminiResult result) {
    }

    private Hop hop(GeminiUrl url, Deadline deadline, boolean keepBytes) {
        String key = url.toString();
        boolean cacheable = p.cache() != null && !url.hasQuery();
        if (cacheable) {
            Cached c = p.cache().getIfPresent(key);
            if (c != null && (!keepBytes || c.body() != null)) {
                p.policy().checkWithoutResolving(url.host(), url.port());
                return new Hop(c.header(), c.body(), c.truncated(), c.info(), c.result());
            }
        }
        ResolvedTarget target = p.policy().check(url.host(), url.port(), deadline);
        p.rateLimiter().acquire(url.hostPort(), deadline);
        ClientIdentity identity = null;
        ClientIdentityStore.Material material = null;
        if (p.settings().clientCertsEnabled()) {
            Optional<ClientIdentity> match = p.identities().match(url);
            if (match.isPresent()) {
                identity = match.get();
                material = p.identities().material(identity);
            }
        }
        GeminiTransport.Exchange x = transport.exchange(target, url, material, deadline, p.settings().maxResponseSize(),
                keepBytes ? GeminiTransport.BodyMode.KEEP : GeminiTransport.BodyMode.COUNT_BINARY, leaf -> verify(url, leaf));
        RequestInfo info = new RequestInfo(url.withoutQuery().toString(), url.host(), url.port(), url.path(),
                url.hasQuery(), now(), x.tlsVersion(), x.cipher(), x.verdict().fingerprint(), x.verdict().status(),
                x.verdict().warning(), identity == null ? null : identity.name(), null, null);
        ResponseHeader header = x.header();
        p.logger().debug("gemini {} -> {}", url.withoutQuery(), header.status());
        if (header.status() == 44) {
            int seconds = ResponseInterpreter.slowDownSeconds(header.meta());
            p.rateLimiter().penalize(url.hostPort(), Duration.ofSeconds(seconds));
            throw new BurrowException(GeminiErrorCodes.TEMPORARY_ERROR,
                    "The server asks to slow down for " + seconds + " seconds",
                    "Requests to " + url.hostPort() + " are paused for " + seconds + " seconds.")
                    .withDetail("status", 44).withDetail("temporary", true).withDetail("retry_after_seconds", seconds)
                    .withContext("request_info", info);
        }
        if (header.category() == 3) {
            return new Hop(header, x.body(), false, info, null);
        }
        GeminiResult result = ResponseInterpreter.interpret(url, header, x.body(), x.size(), x.truncated(), info,
                identity, limits);
        if (cacheable && identity == null && header.category() == 2) {
            boolean text = !(result instanceof GeminiResult.Binary);
            p.cache().put(key, new Cached(header, text ? x.body() : null, x.size(), x.truncated(),
                    info.asCached(), result.withRequestInfo(info.asCached())));
        }
        return new Hop(header, x.body(), x.truncated(), info, result);
    }

    private TofuStore.Verdict verify(GeminiUrl url, java.security.cert.X509Certificate leaf) {
        if (p.tofu() == null) {
            return new TofuStore.Verdict(io.burrow.mcp.gemini.internal.Fingerprints.of(leaf), "disabled",
                    "TOFU is disabled (GEMINI_TOFU_ENABLED=false): the server certificate was not verified.");
        }
        return p.tofu().verify(url.host(), url.port(), leaf, p.settings().tofuRejectExpired());
    }

    private String now() {
        return p.clock().instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private RequestInfo minimalInfo(GeminiUrl url) {
        return new RequestInfo(url.withoutQuery().toString(), url.host(), url.port(), url.path(), url.hasQuery(), now(),
                null, null, null, null, null, null, null, null);
    }

    /** The settings in force. */
    GeminiSettings settings() {
        return p.settings();
    }

    /** The TOFU store, or {@code null} when TOFU is disabled. */
    TofuStore tofu() {
        return p.tofu();
    }
}
