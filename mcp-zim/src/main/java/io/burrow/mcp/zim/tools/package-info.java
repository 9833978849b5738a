/**
 * The MCP face of the ZIM backend: {@link io.burrow.mcp.zim.tools.ZimModule} (the one
 * {@link io.burrow.mcp.core.spi.BurrowModule}: tools, {@code zim://} resources, prompts and completions over the
 * archives of a directory) and {@link io.burrow.mcp.zim.tools.ZimSettings} (its settings, {@code ZIM_*}).
 */
package io.burrow.mcp.zim.tools;
