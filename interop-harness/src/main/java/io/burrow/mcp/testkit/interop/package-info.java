/**
 * Burrow's own interop harness, not published: a driver for the Node MCP SDK client and a fixture module used by
 * the {@code -Pinterop} tests.
 */
package io.burrow.mcp.testkit.interop;
