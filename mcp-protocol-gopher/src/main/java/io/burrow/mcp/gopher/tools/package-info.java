/**
 * The Gopher backend for MCP: {@code GopherModule} and {@code GopherSettings}.
 */
package io.burrow.mcp.gopher.tools;
