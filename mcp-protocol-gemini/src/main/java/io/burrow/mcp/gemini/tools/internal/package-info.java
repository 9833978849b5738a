/**
 * The Gemini tools, their schemas and rendering, and {@code gemini://} resources. Not API.
 */
package io.burrow.mcp.gemini.tools.internal;
