package io.burrow.mcp.zim.internal;

import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.zim.ZimException;
import io.burrow.mcp.zim.ZimFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A compressed cluster, decompressed lazily: only as far as the blobs read so far need, as libzim
 * does, so reading a small blob near the start of a big cluster decodes little. Thread-safe: the
 * decoder runs under a lock; bytes already decoded never change, so readers copy them without it.
 */
public final class ClusterData {

    private static final int MIN_STEP = 64 << 10;

    private final String what;
    private final int width;
    private final long blobCount;
    private final long maxBytes;
    private final Object lock = new Object();
    private InputStream decoder;
    private byte[] buf;
    private int decoded;
    private long dataEnd;
    private ZimException failure;
    private boolean sized;

    /**
     * Reads the blob offset table through {@code decoder}.
     *
     * @param extended 64-bit blob offsets
     * @param maxBlobs upper bound of the blob count (the archive's entry count + 1)
     * @param maxBytes largest decompressed size accepted
     */
    public ClusterData(InputStream decoder, boolean extended, long maxBlobs, long maxBytes, String what) {
        this(decoder, null, null, extended, maxBlobs, maxBytes, what);
    }

    /** A cluster decoded completely beforehand ({@code data} is kept, not copied). */
    public ClusterData(byte[] data, boolean extended, long maxBlobs, long maxBytes, String what) {
        this(null, data, null, extended, maxBlobs, maxBytes, what);
    }

    /**
     * A cluster decoded by prefixes: {@code source} decodes at least a requested length from the
     * start (a zstd frame, decoded one-shot into a bounded buffer); the first two requests may be
     * partial, the third decodes everything.
     */
    public ClusterData(PrefixSource source, boolean extended, long maxBlobs, long maxBytes, String what) {
        this(null, null, source, extended, maxBlobs, maxBytes, what);
    }

    /** Decodes a prefix of a cluster's data. */
    public interface PrefixSource {
        /**
         * Decodes at least {@code need} bytes (all of them when {@code need < 0}).
         *
         * @return the decoded bytes; {@code complete} when they are the whole data
         */
        Prefix decode(long need);
    }

    /** A decoded prefix. */
    public record Prefix(byte[] data, boolean complete) {
    }

    private PrefixSource source;
    private int partials;

    private ClusterData(InputStream decoder, byte[] data, PrefixSource source, boolean extended, long maxBlobs,
            long maxBytes, String what) {
        this.source = source;
        this.decoder = decoder;
        this.what = what;
        this.width = extended ? 8 : 4;
        this.maxBytes = maxBytes;
        this.buf = data != null ? data : new byte[(int) Math.min(MIN_STEP, maxBytes)];
        this.decoded = data != null ? data.length : 0;
        this.dataEnd = width;
        fill(width);
        long first = offsetAt(0);
        if (first % width != 0 || first < width || (first != width && first < 2L * width)) {
            fail(new ZimFormatException(what + ": invalid blob offset table (first offset " + first + ")"));
        }
        long count = first / width - 1;
        if (count > maxBlobs) {
            fail(new ZimFormatException(what + ": " + count + " blobs, more than the archive has entries"));
        }
        if (first > maxBytes) {
            fail(new ZimException(ErrorCodes.TOO_LARGE, what + ": blob offset table larger than the cluster limit"));
        }
        this.blobCount = count;
        this.dataEnd = first;
        fill(first);
        long prev = first;
        for (long i = 1; i <= count; i++) {
            long o = offsetAt(i);
            if (o < prev) {
                fail(new ZimFormatException(what + ": blob offsets decrease at blob " + i));
            }
            prev = o;
        }
        if (prev > maxBytes) {
            fail(new ZimException(ErrorCodes.TOO_LARGE, what + ": decompressed size " + prev
                    + " bytes is above the cluster limit of " + maxBytes));
        }
        synchronized (lock) {
            this.dataEnd = prev;
            this.sized = true;
            if (decoded >= dataEnd) {
                finish();
            }
        }
    }

    private long offsetAt(long i) {
        int p = (int) (i * width);
        byte[] b = buf;
        long v = (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
        if (width == 8) {
            v |= (b[p + 4] & 0xFFL) << 32 | (b[p + 5] & 0xFFL) << 40 | (b[p + 6] & 0xFFL) << 48
                    | (b[p + 7] & 0xFFL) << 56;
            if (v < 0) {
                fail(new ZimFormatException(what + ": blob offset out of range"));
            }
        }
        return v;
    }

    private void fail(ZimException e) {
        synchronized (lock) {
            failure = e;
            closeDecoder();
        }
        throw e;
    }

    /** Decompressed size: offset table plus blobs. */
    public long dataSize() {
        return dataEnd;
    }

    /** Number of blobs. */
    public long blobCount() {
        return blobCount;
    }

    /** Start of blob {@code i} relative to the decompressed data. */
    public long blobStart(long i) {
        check(i);
        return offsetAt(i);
    }

    /** Size of blob {@code i}. */
    public long blobSize(long i) {
        check(i);
        return offsetAt(i + 1) - offsetAt(i);
    }

    private void check(long i) {
        if (i < 0 || i >= blobCount) {
            throw new ZimFormatException(what + ": blob " + i + " out of range (" + blobCount + " blobs)");
        }
    }

    /** Decodes at least up to {@code end} and returns the buffer (bytes before {@code end} are final). */
    public byte[] fill(long end) {
        synchronized (lock) {
            if (end <= decoded) {
                return buf;
            }
            if (failure != null) {
                throw new ZimFormatException(failure.getMessage(), failure);
            }
            if (end > dataEnd) {
                throw new ZimFormatException(what + ": read past the end of the cluster");
            }
            if (source != null) {
                try {
                    Prefix p = source.decode(!sized ? Math.max(end, 16 << 10) : partials++ < 2 ? end : -1);
                    if (p.data().length < decoded) {
                        throw new ZimFormatException(what + ": inconsistent decoding");
                    }
                    buf = p.data();
                    decoded = p.data().length;
                    if (p.complete()) {
                        source = null;
                    }
                } catch (RuntimeException e) {
                    failure = Decoders.failure(what, e);
                    source = null;
                    throw failure;
                }
                if (end > decoded && source == null) {
                    throw new ZimFormatException(what + ": cluster data ends after " + decoded + " bytes, "
                            + end + " needed");
                }
                if (end > decoded) {
                    return fill(end);
                }
                if (sized && decoded >= dataEnd) {
                    finish();
                }
                return buf;
            }
            if (decoder == null) {
                throw new ZimFormatException(what + ": cluster data ends after " + decoded + " bytes, "
                        + end + " needed");
            }
            long target = Math.min(dataEnd, Math.max(end, (long) decoded + MIN_STEP));
            if (target > buf.length) {
                long cap = Math.min(dataEnd, Math.max(target, 2L * buf.length));
                if (cap > maxBytes) {
                    cap = Math.max(target, maxBytes);
                }
                byte[] nb = new byte[(int) cap];
                System.arraycopy(buf, 0, nb, 0, decoded);
                buf = nb;
            }
            try {
                while (decoded < target) {
                    int n = decoder.read(buf, decoded, (int) (target - decoded));
                    if (n < 0) {
                        throw new ZimFormatException(what + ": compressed stream ends after " + decoded
                                + " bytes, " + dataEnd + " expected");
                    }
                    decoded += n;
                }
            } catch (IOException | RuntimeException e) {
                failure = Decoders.failure(what, e);
                closeDecoder();
                throw failure;
            }
            if (sized && decoded >= dataEnd) {
                finish();
            }
            return buf;
        }
    }

    private void finish() {
        closeDecoder();
        source = null;
        if (decoded > dataEnd) {
            decoded = (int) dataEnd;
        }
        if (buf.length > decoded) {
            byte[] nb = new byte[decoded];
            System.arraycopy(buf, 0, nb, 0, decoded);
            buf = nb;
        }
    }

    private void closeDecoder() {
        if (decoder != null) {
            try {
                decoder.close();
            } catch (IOException | RuntimeException ignored) {
                // the data decoded so far stays valid
            }
            decoder = null;
        }
    }

    /** Whether every blob is decoded. */
    public boolean complete() {
        synchronized (lock) {
            return decoder == null && source == null && failure == null;
        }
    }

    /**
     * Weight in the cache: the buffer, plus as much again while the decoder (and its window) is
     * still open.
     */
    public int weight() {
        synchronized (lock) {
            long w = buf.length + (decoder != null ? Math.min((long) buf.length, 8L << 20) + (64 << 10) : 0) + 256;
            return (int) Math.min(Integer.MAX_VALUE, w);
        }
    }

    /** Decodes the whole cluster (integrity checks). */
    public void fillAll() {
        fill(dataEnd);
    }
}
