package io.burrow.mcp.zim.search.internal;

import java.util.Arrays;

/**
 * The distinct byte strings of a match's collapse keys, each numbered in order of arrival: the bytes in one
 * growing array and an open-addressing table of numbers, so that 200,000 keys make a few arrays rather than
 * 200,000 strings for the collector to copy.
 */
final class KeySet {

    private byte[] bytes = new byte[1024];
    private int used;
    /** Start of key {@code i} in {@link #bytes}; key {@code i} ends where key {@code i + 1} starts. */
    private int[] starts = new int[65];
    private int[] hashes = new int[64];
    private int size;
    /** Key number + 1 per slot, 0 when free. */
    private int[] table = new int[128];

    /** Number of distinct keys. */
    int size() {
        return size;
    }

    /** The number of the key {@code b[off, off + len)}, added (numbered {@code size() - 1}) when it is new. */
    int add(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int id = table[i] - 1;
            if (id < 0) {
                table[i] = append(b, off, len, h) + 1;
                if (2 * size > table.length) {
                    rehash();
                }
                return size - 1;
            }
            if (hashes[id] == h && Arrays.equals(bytes, starts[id], starts[id + 1], b, off, off + len)) {
                return id;
            }
        }
    }

    private int append(byte[] b, int off, int len, int h) {
        if (used + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, used + len));
        }
        System.arraycopy(b, off, bytes, used, len);
        used += len;
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, 2 * size);
            starts = Arrays.copyOf(starts, 2 * size + 1);
        }
        hashes[size] = h;
        starts[++size] = used;
        return size - 1;
    }

    private void rehash() {
        int[] t = new int[2 * table.length];
        int mask = t.length - 1;
        for (int id = 0; id < size; id++) {
            int i = hashes[id] & mask;
            while (t[i] != 0) {
                i = (i + 1) & mask;
            }
            t[i] = id + 1;
        }
        table = t;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }
}
