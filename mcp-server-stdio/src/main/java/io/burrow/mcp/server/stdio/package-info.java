/**
 * The stdio launcher jar: a thin {@code Main} over {@code mcp-launcher} whose default command serves MCP on stdin
 * and stdout.
 */
package io.burrow.mcp.server.stdio;
