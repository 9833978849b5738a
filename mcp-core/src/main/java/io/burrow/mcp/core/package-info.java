/**
 * The server an embedder builds ({@link io.burrow.mcp.core.BurrowServer}) and the one exception hierarchy ({@link
 * io.burrow.mcp.core.BurrowException} with typed {@link io.burrow.mcp.core.ErrorCode}s) that every module throws
 * and the protocol edge translates.
 */
package io.burrow.mcp.core;
