/**
 * The Gopher tools, their schemas and rendering, and {@code gopher://} resources. Not API.
 */
package io.burrow.mcp.gopher.tools.internal;
