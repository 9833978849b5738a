package io.burrow.mcp.gemini;

import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.gemini.internal.GeminiFetcher;
import java.util.Objects;
import java.util.Set;

/**
 * Fetches {@code gemini://} URLs into {@link GeminiResult}s, without MCP: the pipeline behind
 * {@code gemini_fetch}, {@code gemini_batch_fetch} and {@code gemini://} resources, with the module's host
 * policy, limits, rate limit, TOFU pins, client identities, redirects and cache.
 *
 * <pre>{@code
 * try (BurrowServer server = BurrowServer.builder().module(new GeminiModule()).build()) {
 *     ProtocolClient<GeminiResult> gemini = server.client("gemini");
 *     if (gemini.fetch("gemini://geminiprotocol.net/") instanceof GeminiResult.Gemtext page) {
 *         page.document().links().forEach(l -> System.err.println(l.url()));
 *     }
 * }
 * }</pre>
 *
 * Thread-safe. Failures are {@link io.burrow.mcp.core.BurrowException}s with a code of {@link GeminiErrors}
 * or {@link io.burrow.mcp.core.ErrorCodes}, each with a {@code request_info} context.
 */
public final class GeminiClient implements ProtocolClient<GeminiResult> {

    private final GeminiFetcher fetcher;

    /** A client over the module's fetch pipeline; made by {@code GeminiModule}, embedders get it from the server. */
    public GeminiClient(GeminiFetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    @Override
    public Set<String> schemes() {
        return Set.of("gemini");
    }

    /** Fetches a URL (following redirects as configured). */
    @Override
    public GeminiResult fetch(String uri) {
        return fetcher.fetch(uri, null, FetchScope.NONE);
    }

    /**
     * Fetches a URL, answering a status 10/11 prompt with {@code input}: the input, percent-encoded,
     * replaces the URL's query.
     *
     * @throws io.burrow.mcp.core.BurrowException with a code of {@link GeminiErrors} or
     *     {@link io.burrow.mcp.core.ErrorCodes}
     */
    public GeminiResult fetch(String uri, String input) {
        return fetcher.fetch(uri, input, FetchScope.NONE);
    }

    /**
     * Like {@link #fetch(String, String)} within a scope: the fetch ends by the scope's deadline and closes
     * its connection when the scope is cancelled ({@code CANCELLED}).
     */
    public GeminiResult fetch(String uri, String input, FetchScope scope) {
        return fetcher.fetch(uri, input, scope);
    }
}
