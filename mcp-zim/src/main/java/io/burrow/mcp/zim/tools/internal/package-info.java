/**
 * The article renderer behind the ZIM tools: {@link io.burrow.mcp.zim.tools.internal.ArticleParser} turns an HTML
 * entry into Markdown with its {@link io.burrow.mcp.zim.tools.internal.Section sections} and
 * {@link io.burrow.mcp.zim.tools.internal.Link links}; {@link io.burrow.mcp.zim.tools.internal.ArchiveEntryResolver}
 * looks link targets up in an archive. Not API: the package may change with the tools.
 */
package io.burrow.mcp.zim.tools.internal;
