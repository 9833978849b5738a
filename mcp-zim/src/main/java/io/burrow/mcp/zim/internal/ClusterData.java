package io.burrow.mcp.zim.internal;

import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.zim.ZimException;
import io.burrow.mcp.zim.ZimFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A compressed cluster, decompressed lazily: only as far as the blobs read so far need, as libzim
 * does, so reading a small blob near the start of a big cluster decodes little. Thread-safe: decoding
 * runs under a lock; bytes already decoded never change, so readers copy them without it.
 *
 * <p>Three ways to decode: an xz stream, continued as reads need more; a zstd {@link PrefixSource}
 * (one-shot decodes of a prefix, the third request decodes everything); or data decoded beforehand.
 * The blob offset table is parsed once ({@link #offsets()}) and may be handed to a later instance of
 * the same cluster, which then skips decoding it.
 */
public final class ClusterData {

    private static final int MIN_STEP = 64 << 10;

    /** Decodes a prefix of a cluster's data. */
    public interface PrefixSource {
        /**
         * Decodes at least {@code need} bytes (all of them when {@code need < 0}).
         *
         * @return the decoded bytes; {@code complete} when they are the whole data
         */
        Prefix decode(long need);

        /** Whether a further request continues where the last one stopped (else it decodes from the start). */
        default boolean resumable() {
            return false;
        }

        /** The decoded size, once the blob offset table gives it (lets a buffer grow to exactly that). */
        default void sizeHint(long dataSize) {
        }

        /** Bytes the source holds between requests besides the decoded data (compressed input, decoder state). */
        default long heldBytes() {
            return 0;
        }

        /** Drops what the source holds (the cluster is complete, failed or no longer decoded). */
        default void release() {
        }
    }

    /** A decoded prefix: {@code data[0, length)}; {@code data} may be longer (room for more). */
    public record Prefix(byte[] data, int length, boolean complete) {
        /** A prefix exactly as long as its array. */
        public Prefix(byte[] data, boolean complete) {
            this(data, data.length, complete);
        }
    }

    private final String what;
    private final int width;
    private final long maxBytes;
    private final Object lock = new Object();
    private final long[] offsets;
    private final long dataEnd;
    private InputStream decoder;
    private PrefixSource source;
    private int partials;
    private volatile byte[] buf;
    private volatile int decoded;
    private ZimException failure;

    /** Reads the cluster through an xz (or other) stream decoder. */
    public ClusterData(InputStream decoder, boolean extended, long maxBlobs, long maxBytes, String what) {
        this(decoder, null, null, null, extended, maxBlobs, maxBytes, what);
    }

    /** A cluster decoded completely beforehand ({@code data} is kept, not copied). */
    public ClusterData(byte[] data, boolean extended, long maxBlobs, long maxBytes, String what) {
        this(null, data, null, null, extended, maxBlobs, maxBytes, what);
    }

    /**
     * A cluster decoded by prefixes.
     *
     * @param knownOffsets the blob offset table from an earlier instance, or {@code null}
     */
    public ClusterData(PrefixSource source, long[] knownOffsets, boolean extended, long maxBlobs, long maxBytes,
            String what) {
        this(null, null, source, knownOffsets, extended, maxBlobs, maxBytes, what);
    }

    private ClusterData(InputStream decoder, byte[] data, PrefixSource source, long[] knownOffsets, boolean extended,
            long maxBlobs, long maxBytes, String what) {
        this.decoder = decoder;
        this.source = source;
        this.what = what;
        this.width = extended ? 8 : 4;
        this.maxBytes = maxBytes;
        this.buf = data != null ? data : new byte[0];
        this.decoded = buf.length;
        try {
            if (knownOffsets != null) {
                this.offsets = knownOffsets;
            } else {
                fillTo(width, width);
                long first = readOffset(0);
                if (first % width != 0 || first < width || (first != width && first < 2L * width)) {
                    throw new ZimFormatException(what + ": invalid blob offset table (first offset " + first + ")");
                }
                long count = first / width - 1;
                if (count > maxBlobs) {
                    throw new ZimFormatException(what + ": " + count + " blobs, more than the archive has entries");
                }
                if (first > maxBytes) {
                    throw new ZimException(ErrorCodes.TOO_LARGE, what + ": blob offset table larger than the cluster limit");
                }
                fillTo(first, first);
                long[] t = new long[(int) count + 1];
                t[0] = first;
                for (int i = 1; i <= count; i++) {
                    t[i] = readOffset(i);
                    if (t[i] < t[i - 1]) {
                        throw new ZimFormatException(what + ": blob offsets decrease at blob " + i);
                    }
                }
                if (t[(int) count] > maxBytes) {
                    throw new ZimException(ErrorCodes.TOO_LARGE, what + ": decompressed size " + t[(int) count]
                            + " bytes is above the cluster limit of " + maxBytes);
                }
                this.offsets = t;
            }
        } catch (RuntimeException e) {
            closeDecoder();
            throw e;
        }
        this.dataEnd = offsets[offsets.length - 1];
        if (source != null) {
            source.sizeHint(dataEnd);
        }
        synchronized (lock) {
            if (decoded >= dataEnd) {
                finish();
            }
        }
    }

    private long readOffset(long i) {
        int p = (int) (i * width);
        byte[] b = buf;
        long v = (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
        if (width == 8) {
            v |= (b[p + 4] & 0xFFL) << 32 | (b[p + 5] & 0xFFL) << 40 | (b[p + 6] & 0xFFL) << 48
                    | (b[p + 7] & 0xFFL) << 56;
            if (v < 0) {
                throw new ZimFormatException(what + ": blob offset out of range");
            }
        }
        return v;
    }

    /** The blob offset table: {@code blobCount() + 1} offsets relative to the data start. Do not modify. */
    public long[] offsets() {
        return offsets;
    }

    /** Decompressed size: offset table plus blobs. */
    public long dataSize() {
        return dataEnd;
    }

    /** Number of blobs. */
    public long blobCount() {
        return offsets.length - 1;
    }

    /** Start of blob {@code i} relative to the decompressed data. */
    public long blobStart(long i) {
        check(i);
        return offsets[(int) i];
    }

    /** Size of blob {@code i}. */
    public long blobSize(long i) {
        check(i);
        return offsets[(int) i + 1] - offsets[(int) i];
    }

    private void check(long i) {
        if (i < 0 || i >= blobCount()) {
            throw new ZimFormatException(what + ": blob " + i + " out of range (" + blobCount() + " blobs)");
        }
    }

    /**
     * The buffer if it already holds {@code [0, end)}, else {@code null}; lock-free (the hot path of
     * cached reads).
     */
    public byte[] ifDecoded(long end) {
        if (end <= decoded) {
            return buf;
        }
        return null;
    }

    /** Decodes at least up to {@code end} and returns the buffer (bytes before {@code end} are final). */
    public byte[] fill(long end) {
        if (end > dataEnd) {
            throw new ZimFormatException(what + ": read past the end of the cluster");
        }
        return fillTo(end, dataEnd);
    }

    private byte[] fillTo(long end, long bound) {
        synchronized (lock) {
            if (end <= decoded) {
                return buf;
            }
            if (failure != null) {
                throw new ZimFormatException(failure.getMessage(), failure);
            }
            try {
                if (source != null) {
                    boolean sized = offsets != null;
                    long want = source.resumable() ? end : !sized ? Math.max(end, 16 << 10) : partials++ < 2 ? end : -1;
                    Prefix p = source.decode(want);
                    if (p.length() < decoded || p.length() > p.data().length) {
                        throw new ZimFormatException(what + ": inconsistent decoding");
                    }
                    buf = p.data();
                    decoded = p.length();   // volatile write after buf: ifDecoded sees both
                    if (p.complete()) {
                        source.release();
                        source = null;
                    }
                    if (end > decoded) {
                        if (source == null) {
                            throw truncated(end);
                        }
                        return fillTo(end, bound);
                    }
                } else if (decoder != null) {
                    long target = Math.min(bound, Math.max(end, (long) decoded + MIN_STEP));
                    if (target > buf.length) {
                        long cap = Math.min(bound, Math.max(target, 2L * buf.length));
                        byte[] nb = new byte[(int) Math.min(cap, maxBytes)];
                        System.arraycopy(buf, 0, nb, 0, decoded);
                        buf = nb;
                    }
                    while (decoded < target) {
                        int n = decoder.read(buf, decoded, (int) (target - decoded));
                        if (n < 0) {
                            throw truncated(end);
                        }
                        decoded += n;
                    }
                } else {
                    throw truncated(end);
                }
            } catch (ZimException e) {
                failure = e;
                closeDecoder();
                dropSource();
                throw e;
            } catch (IOException | RuntimeException e) {
                failure = Decoders.failure(what, e);
                closeDecoder();
                dropSource();
                throw failure;
            }
            if (offsets != null && decoded >= dataEnd) {
                finish();
            }
            return buf;
        }
    }

    private ZimFormatException truncated(long end) {
        return new ZimFormatException(what + ": compressed stream ends after " + decoded + " bytes, " + end
                + " needed");
    }

    private void dropSource() {
        if (source != null) {
            source.release();
            source = null;
        }
    }

    private void finish() {
        closeDecoder();
        dropSource();
        if (decoded > dataEnd) {
            decoded = (int) dataEnd;
        }
        // a little room left by a block decoder is kept (a copy of the whole cluster costs more than it saves)
        if (buf.length - decoded > (decoded >> 3) + 4096) {
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
     * Weight in the cache: the buffer and offset table, plus as much again while an xz decoder (and
     * its dictionary) is still open.
     */
    public int weight() {
        synchronized (lock) {
            long w = buf.length + 8L * offsets.length + 256
                    + (decoder != null ? Math.min((long) buf.length, 8L << 20) + (64 << 10) : 0)
                    + (source != null ? source.heldBytes() : 0);
            return (int) Math.min(Integer.MAX_VALUE, w);
        }
    }

    /** Decodes the whole cluster (integrity checks). */
    public void fillAll() {
        fill(dataEnd);
    }
}
