package io.burrow.mcp.zim.search.internal;

import java.io.EOFException;

/** A {@link ByteSource} over a byte array (tests, small indexes). */
public final class ByteArraySource implements ByteSource {

    private final byte[] data;

    /** @param data the bytes; not copied */
    public ByteArraySource(byte[] data) {
        this.data = data;
    }

    @Override
    public long length() {
        return data.length;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOff, int len) throws EOFException {
        if (offset < 0 || len < 0 || offset > data.length - (long) len) {
            throw new EOFException("read outside the index region");
        }
        System.arraycopy(data, (int) offset, dst, dstOff, len);
    }
}
