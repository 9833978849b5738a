/**
 * Gemini without MCP: the {@code GeminiClient} embedders get from the server, URL and result records, the TOFU and
 * client-identity stores, and {@code GeminiErrors}.
 */
package io.burrow.mcp.gemini;
