package io.burrow.mcp.gemini;

import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.spi.ProtocolClient;

/**
 * Fetches {@code gemini://} URLs into {@link GeminiResult}s, without MCP: the pipeline behind
 * {@code gemini_fetch}, {@code gemini_batch_fetch} and {@code gemini://} resources, with the module's host
 * policy, limits, rate limit, TOFU pins, client identities, redirects and cache.
 *
 * <pre>{@code
 * try (BurrowServer server = BurrowServer.builder().module(new GeminiModule()).build()) {
 *     GeminiClient gemini = (GeminiClient) server.<GeminiResult>client("gemini");
 *     if (gemini.fetch("gemini://geminiprotocol.net/") instanceof GeminiResult.Gemtext page) {
 *         page.document().links().forEach(l -> System.err.println(l.url()));
 *     }
 * }
 * }</pre>
 *
 * Thread-safe. Failures are {@link io.burrow.mcp.core.BurrowException}s with a code of {@link GeminiErrors}
 * or {@link io.burrow.mcp.core.ErrorCodes}, each with a {@code request_info} context; {@code CANCELLED} when
 * the scope was cancelled. The module implements it; embedders get it from the server.
 */
public interface GeminiClient extends ProtocolClient<GeminiResult> {

    /** Fetches a URL (following redirects as configured). */
    @Override
    default GeminiResult fetch(String uri) {
        return fetch(uri, null, FetchScope.NONE);
    }

    /**
     * Fetches a URL, answering a status 10/11 prompt with {@code input}: the input, percent-encoded,
     * replaces the URL's query.
     *
     * @throws io.burrow.mcp.core.BurrowException with a code of {@link GeminiErrors} or
     *     {@link io.burrow.mcp.core.ErrorCodes}
     */
    default GeminiResult fetch(String uri, String input) {
        return fetch(uri, input, FetchScope.NONE);
    }

    /**
     * Like {@link #fetch(String, String)} within a scope: the fetch ends by the scope's deadline and closes
     * its connection when the scope is cancelled.
     *
     * @param input the answer to a status 10/11 prompt, or {@code null}
     */
    GeminiResult fetch(String uri, String input, FetchScope scope);
}
