package io.burrow.mcp.gopher;

import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.spi.ProtocolClient;

/**
 * Fetches {@code gopher://} URLs into {@link GopherResult}s, without MCP. It is the same pipeline the
 * {@code gopher_fetch} tool uses: the module's host policy, limits, rate limit, concurrency cap and
 * cache all apply.
 *
 * <pre>{@code
 * try (BurrowServer server = BurrowServer.builder().module(new GopherModule()).build()) {
 *     GopherClient gopher = (GopherClient) server.<GopherResult>client("gopher");
 *     if (gopher.fetch("gopher://gopher.floodgap.com/1/") instanceof GopherResult.Menu menu) {
 *         menu.items().forEach(i -> System.err.println(i.title() + " " + i.nextUrl()));
 *     }
 * }
 * }</pre>
 *
 * Thread-safe. Failures are {@link io.burrow.mcp.core.BurrowException}s with the codes
 * {@code INVALID_REQUEST}, {@code BLOCKED}, {@code FETCH_ERROR}, {@code TIMEOUT}, {@code TOO_LARGE},
 * {@code NOT_FETCHABLE} ({@link GopherErrors}) and {@code RATE_LIMITED}, each with a {@code request_info}
 * context; {@code CANCELLED} when the scope was cancelled. The module implements it; embedders get it from
 * the server.
 */
public interface GopherClient extends ProtocolClient<GopherResult> {

    /**
     * Fetches a URL.
     *
     * @throws io.burrow.mcp.core.BurrowException on any failure
     */
    @Override
    default GopherResult fetch(String uri) {
        return fetch(uri, FetchScope.NONE);
    }

    /**
     * Fetches a URL within a scope: the fetch ends by the scope's deadline and closes its connection when
     * the scope is cancelled.
     *
     * @throws io.burrow.mcp.core.BurrowException on any failure
     */
    GopherResult fetch(String uri, FetchScope scope);

    /**
     * Fetches a parsed URL.
     *
     * @throws io.burrow.mcp.core.BurrowException on any failure
     */
    default GopherResult fetch(GopherUrl url) {
        return fetch(url, FetchScope.NONE);
    }

    /**
     * Fetches a parsed URL within a scope.
     *
     * @throws io.burrow.mcp.core.BurrowException on any failure
     */
    GopherResult fetch(GopherUrl url, FetchScope scope);

    /**
     * Parses a URL under the configured length limits.
     *
     * @throws io.burrow.mcp.core.InvalidRequestException if it is not a valid gopher URL
     */
    GopherUrl parse(String uri);
}
