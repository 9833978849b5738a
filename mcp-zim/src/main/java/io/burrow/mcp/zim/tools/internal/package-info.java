/**
 * The ZIM tools behind {@link io.burrow.mcp.zim.tools.ZimModule}, not API (the package may change with the tools).
 *
 * <ul>
 *   <li>The MCP face: {@link io.burrow.mcp.zim.tools.internal.ZimTools} (tool definitions and handlers),
 *       {@code ZimSchemas}, {@code ZimResults} (the structured results), {@code ZimRendering} (their text),
 *       {@link io.burrow.mcp.zim.tools.internal.ZimResources} and {@link io.burrow.mcp.zim.tools.internal.ZimPrompts}.
 *   <li>The jobs: {@link io.burrow.mcp.zim.tools.internal.ZimArticles} (reading entries),
 *       {@link io.burrow.mcp.zim.tools.internal.ZimArchives} (metadata, browsing, health),
 *       {@link io.burrow.mcp.zim.tools.internal.ZimSearch} and {@code ZimQuery}.
 *   <li>The archives served: {@link io.burrow.mcp.zim.tools.internal.ArchiveLibrary} with
 *       {@link io.burrow.mcp.zim.tools.internal.LoadedArchive}, {@code ArchiveNames}, {@code ArchiveFiles} and
 *       {@code ArchiveCalls} (every call checked against the files it used), and {@code CallScope} (the deadline
 *       and cancellation of the call a thread serves, bound around each handler, so searches and renders stop
 *       when it ends).
 *   <li>The article renderer: {@link io.burrow.mcp.zim.tools.internal.ArticleParser} turns an HTML entry into
 *       Markdown with its {@link io.burrow.mcp.zim.tools.internal.Section sections} and
 *       {@link io.burrow.mcp.zim.tools.internal.Link links} ({@code Renderer} and its parts: {@code PageScope},
 *       {@code HeadingIds}, {@code TableRenderer}, {@code InlineRenderer}, {@code LinkTargets}, {@code Sections});
 *       {@link io.burrow.mcp.zim.tools.internal.ArchiveEntryResolver} looks link targets up in an archive.
 * </ul>
 */
package io.burrow.mcp.zim.tools.internal;
