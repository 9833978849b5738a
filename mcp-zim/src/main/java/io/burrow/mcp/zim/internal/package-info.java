/**
 * The ZIM reader's low-level parts, not API: {@link io.burrow.mcp.zim.internal.Storage} (positional reads of the
 * archive's files through a page cache), {@link io.burrow.mcp.zim.internal.FileStamp} (what tells a changed file),
 * {@link io.burrow.mcp.zim.internal.Checkpoint} (where long work stops when its request ends),
 * {@link io.burrow.mcp.zim.internal.Dirent} (directory entries), {@link io.burrow.mcp.zim.internal.ClusterData}
 * (a decoded cluster and its blob offsets), {@link io.burrow.mcp.zim.internal.Decoders} (zstd and xz) and
 * {@link io.burrow.mcp.zim.internal.MimeCounter} ({@code M/Counter}). Other modules use
 * {@link io.burrow.mcp.zim.ZimArchive} instead.
 */
package io.burrow.mcp.zim.internal;
