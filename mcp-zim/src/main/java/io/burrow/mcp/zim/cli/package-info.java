/**
 * The {@code zim} command line ({@code zim info|ls|cat|verify|bench|search|suggest}): the reader and the search
 * on any archive, without MCP and without a server. Only {@link io.burrow.mcp.zim.cli.ZimCommandGroup}, the
 * {@link io.burrow.mcp.launcher.CommandGroup} launchers discover, is public; the commands are package-private.
 * It needs mcp-launcher and picocli, which mcp-zim declares as optional dependencies: an application embedding
 * the reader or the ZIM module never loads this package.
 */
package io.burrow.mcp.zim.cli;
