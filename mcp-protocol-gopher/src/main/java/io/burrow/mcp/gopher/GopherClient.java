package io.burrow.mcp.gopher;

import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.gopher.internal.GopherFetcher;
import java.util.Objects;
import java.util.Set;

/**
 * Fetches {@code gopher://} URLs into {@link GopherResult}s, without MCP. It is the same pipeline the
 * {@code gopher_fetch} tool uses: the module's host policy, limits, rate limit, concurrency cap and
 * cache all apply.
 *
 * <pre>{@code
 * try (BurrowServer server = BurrowServer.builder().module(new GopherModule()).build()) {
 *     ProtocolClient<GopherResult> gopher = server.client("gopher");
 *     if (gopher.fetch("gopher://gopher.floodgap.com/1/") instanceof GopherResult.Menu menu) {
 *         menu.items().forEach(i -> System.err.println(i.title() + " " + i.nextUrl()));
 *     }
 * }
 * }</pre>
 *
 * Thread-safe. Failures are {@link io.burrow.mcp.core.BurrowException}s with the codes
 * {@code INVALID_REQUEST}, {@code BLOCKED}, {@code FETCH_ERROR}, {@code TIMEOUT}, {@code TOO_LARGE},
 * {@code NOT_FETCHABLE} ({@link GopherErrors}) and {@code RATE_LIMITED}, each with a {@code request_info}
 * context.
 */
public final class GopherClient implements ProtocolClient<GopherResult> {

    private final GopherFetcher fetcher;

    /** A client over the module's fetch pipeline; made by {@code GopherModule}, embedders get it from the server. */
    public GopherClient(GopherFetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    @Override
    public Set<String> schemes() {
        return Set.of("gopher");
    }

    /**
     * Fetches a URL.
     *
     * @throws io.burrow.mcp.core.BurrowException on any failure
     */
    @Override
    public GopherResult fetch(String uri) {
        return fetcher.fetch(uri, FetchScope.NONE);
    }

    /**
     * Fetches a parsed URL.
     *
     * @throws io.burrow.mcp.core.BurrowException on any failure
     */
    public GopherResult fetch(GopherUrl url) {
        return fetcher.fetch(url, FetchScope.NONE);
    }

    /**
     * Fetches a parsed URL within a scope: the fetch ends by the scope's deadline and closes its connection
     * when the scope is cancelled.
     *
     * @throws io.burrow.mcp.core.BurrowException on any failure ({@code CANCELLED} after a cancellation)
     */
    public GopherResult fetch(GopherUrl url, FetchScope scope) {
        return fetcher.fetch(url, scope);
    }

    /**
     * Parses a URL under the configured length limits.
     *
     * @throws io.burrow.mcp.core.InvalidRequestException if it is not a valid gopher URL
     */
    public GopherUrl parse(String uri) {
        return fetcher.parse(uri);
    }
}
