package io.burrow.mcp.core.spi;

import java.util.Set;

/**
 * Fetches URIs of some schemes into typed results, for embedders who want the protocol without MCP
 * ({@code BurrowServer.client("gopher")}). The same client backs the module's tools and resources, so
 * it applies the same host policy, limits and caches.
 *
 * @param <R> the result type (for Gopher: a menu, text, binary or error result)
 */
public interface ProtocolClient<R> {

    /** The schemes fetched, lower case. */
    Set<String> schemes();

    /**
     * Fetches one URI.
     *
     * @throws io.burrow.mcp.core.BurrowException on failure
     */
    R fetch(String uri);
}
