package io.burrow.mcp.zim.search.internal;

import java.io.IOException;

/**
 * A bounded, positioned, thread-safe read-only view of bytes: the blob of a ZIM archive that holds a
 * single-file Xapian database. Offsets are relative to the start of the view.
 */
public interface ByteSource {

    /** Length of the view in bytes. */
    long length();

    /**
     * Reads exactly {@code len} bytes at {@code offset} into {@code dst[dstOff…]}.
     *
     * @throws IOException on an I/O failure or when the range is outside the view
     */
    void read(long offset, byte[] dst, int dstOff, int len) throws IOException;
}
