/**
 * The Gemini backend for MCP: {@code GeminiModule} and {@code GeminiSettings}.
 */
package io.burrow.mcp.gemini.tools;
