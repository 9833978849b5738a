package io.burrow.mcp.zim;

import java.nio.file.Path;

/**
 * Where the bytes of a blob stored in an uncompressed cluster lie on disk, so that it can be read in
 * place (for example the embedded Xapian databases) without going through the reader.
 *
 * <p>Present only when the cluster is uncompressed and the blob lies within one part of a split
 * archive, exactly when libzim's {@code Item::getDirectAccessInformation()} is valid.
 *
 * @param part the file holding the blob (the archive itself, or one {@code .zimXX} part)
 * @param partOffset offset of the blob's first byte in {@code part}
 * @param archiveOffset offset of the blob's first byte in the whole (concatenated) archive
 * @param size the blob's size in bytes
 */
public record DirectAccess(Path part, long partOffset, long archiveOffset, long size) {
}
