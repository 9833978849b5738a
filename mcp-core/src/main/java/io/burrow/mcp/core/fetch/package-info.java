/**
 * What network backends share: {@code NetworkSettings}, {@code Upstream} (host policy, rate limits and the connect
 * loop), {@code Connection}, {@code FetchScope} (a request's deadline and cancellation), the batch fetch tool and
 * the rendered-result cache.
 */
package io.burrow.mcp.core.fetch;
