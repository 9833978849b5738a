package io.burrow.mcp.zim.search;

import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Where an embedded Xapian database lives: a byte range of an open archive file (a blob of an uncompressed
 * cluster). Search reads it in place with positional reads; it never copies or extracts the database.
 *
 * @param channel the open file holding the blob (for split archives: the part holding it); not closed by search
 * @param offset absolute offset of the blob in that file
 * @param length length of the blob
 */
public record IndexBlob(FileChannel channel, long offset, long length) {
    public IndexBlob {
        Objects.requireNonNull(channel, "channel");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative blob range");
        }
    }
}
