package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.search.IndexFormatException;

/**
 * Decodes a glass position list: {@code pack_uint(last)}, then a bit stream with the first position, the count
 * and the interpolative coding of the positions in between ({@code common/bitstream.cc}).
 */
final class PositionDecoder {

    private static final int MAX_POSITIONS = 1 << 22;

    private final byte[] buf;
    private int idx;
    private long acc;
    private int nBits;

    private PositionDecoder(byte[] buf, int idx) {
        this.buf = buf;
        this.idx = idx;
    }

    static int[] decode(byte[] tag) {
        Pack p = new Pack(tag);
        long last = p.uint();
        if (last > Integer.MAX_VALUE) {
            throw new IndexFormatException("position too large");
        }
        if (p.atEnd()) {
            return new int[] {(int) last};
        }
        PositionDecoder rd = new PositionDecoder(tag, p.pos());
        long first = rd.decode(last);
        long size = rd.decode(last - first) + 2;
        if (size > MAX_POSITIONS || size > last - first + 1) {
            throw new IndexFormatException("bad position list size");
        }
        int n = (int) size;
        long[] pos = new long[n];
        pos[0] = first;
        pos[n - 1] = last;
        rd.interpolative(pos, 0, n - 1);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (i > 0 && pos[i] <= pos[i - 1]) {
                throw new IndexFormatException("position list not increasing");
            }
            out[i] = (int) pos[i];
        }
        return out;
    }

    private void interpolative(long[] pos, int j, int k) {
        while (j + 1 < k) {
            int mid = j + (k - j) / 2;
            long outof = pos[k] - pos[j] + j - k + 1;
            if (outof <= 0) {
                throw new IndexFormatException("bad position list");
            }
            long lowest = pos[j] + mid - j;
            pos[mid] = decode(outof) + lowest;
            interpolative(pos, j, mid);
            j = mid;
        }
    }

    private static int highestOrderBit(long mask) {
        return mask == 0 ? 0 : 64 - Long.numberOfLeadingZeros(mask);
    }

    private long decode(long outof) {
        if (outof <= 0) {
            throw new IndexFormatException("bad position list");
        }
        int bits = highestOrderBit(outof - 1);
        long spare = (bits >= 63 ? 0 : (1L << bits)) - outof;
        long midStart = (outof - spare) / 2;
        long p;
        if (spare != 0) {
            p = readBits(bits - 1);
            if (p < midStart) {
                if (readBits(1) != 0) {
                    p += midStart + spare;
                }
            }
        } else {
            p = readBits(bits);
        }
        if (p >= outof) {
            throw new IndexFormatException("bad position list");
        }
        return p;
    }

    private long readBits(int count) {
        if (count <= 0) {
            return 0;
        }
        if (count > 56) {
            long lo = readBits(32);
            return lo | (readBits(count - 32) << 32);
        }
        while (nBits < count) {
            if (idx >= buf.length) {
                throw new IndexFormatException("position list data ran out");
            }
            acc |= (long) (buf[idx++] & 0xFF) << nBits;
            nBits += 8;
        }
        long result = acc & ((1L << count) - 1);
        acc >>>= count;
        nBits -= count;
        return result;
    }
}
