package io.burrow.mcp.zim.search;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of an embedded Xapian database, read in place: a blob of an uncompressed cluster. Implementations
 * must be thread-safe; offsets are relative to the start of the blob.
 */
public interface IndexBlob {

    /** Length of the blob in bytes. */
    long length();

    /**
     * Reads exactly {@code len} bytes at {@code offset} into {@code dst[dstOff…]}.
     *
     * @throws IOException on an I/O failure or a range outside the blob
     */
    void read(long offset, byte[] dst, int dstOff, int len) throws IOException;

    /** A blob at {@code [base, base + length)} of an open file, read with positional reads. */
    static IndexBlob of(FileChannel channel, long base, long length) {
        if (base < 0 || length < 0) {
            throw new IllegalArgumentException("negative blob range");
        }
        return new IndexBlob() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void read(long offset, byte[] dst, int dstOff, int len) throws IOException {
                if (offset < 0 || len < 0 || offset > length - len) {
                    throw new EOFException("read outside the index blob");
                }
                ByteBuffer buf = ByteBuffer.wrap(dst, dstOff, len);
                long pos = base + offset;
                while (buf.hasRemaining()) {
                    int n = channel.read(buf, pos);
                    if (n < 0) {
                        throw new EOFException("file ends inside the index blob");
                    }
                    pos += n;
                }
            }
        };
    }

    /** A blob held in memory (tests, small indexes). */
    static IndexBlob of(byte[] data) {
        return new IndexBlob() {
            @Override
            public long length() {
                return data.length;
            }

            @Override
            public void read(long offset, byte[] dst, int dstOff, int len) throws IOException {
                if (offset < 0 || len < 0 || offset > data.length - (long) len) {
                    throw new EOFException("read outside the index blob");
                }
                System.arraycopy(data, (int) offset, dst, dstOff, len);
            }
        };
    }
}
