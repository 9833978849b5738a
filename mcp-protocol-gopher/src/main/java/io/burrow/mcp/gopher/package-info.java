/**
 * Gopher without MCP: the {@code GopherClient} embedders get from the server, URL, item-type and result records,
 * and {@code GopherErrors}.
 */
package io.burrow.mcp.gopher;
