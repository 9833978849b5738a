package io.burrow.mcp.zim.search.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A {@link ByteSource} over {@code [base, base+length)} of a file channel, using positional reads. */
public final class FileRegionSource implements ByteSource {

    private final FileChannel channel;
    private final long base;
    private final long length;

    /**
     * @param channel an open channel; not closed by this object
     * @param base absolute offset of the region
     * @param length length of the region
     */
    public FileRegionSource(FileChannel channel, long base, long length) {
        if (base < 0 || length < 0) {
            throw new IllegalArgumentException("negative region");
        }
        this.channel = channel;
        this.base = base;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOff, int len) throws IOException {
        if (offset < 0 || len < 0 || offset > length - len) {
            throw new EOFException("read outside the index region");
        }
        ByteBuffer buf = ByteBuffer.wrap(dst, dstOff, len);
        long pos = base + offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new EOFException("file ends inside the index region");
            }
            pos += n;
        }
    }
}
